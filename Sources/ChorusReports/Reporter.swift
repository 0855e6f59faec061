import ChorusScoring

/// Renders a run's `Summary` as one output file's contents.
///
/// Rendering is pure: no file IO, no clock, no environment. Writing the result to
/// `Reports/runs/<run-id>/<name>.<fileExtension>` happens in the caller, so reporters are tested on
/// strings and the same summary always renders to the same bytes.
public protocol Reporter: Sendable {
    /// The name a user picks the reporter by (`json`, `text`, `md`, `html`, `junit`).
    static var identifier: String { get }
    /// The extension of the file the output is written to, without the dot.
    static var fileExtension: String { get }
    /// The complete output for `summary`.
    func render(_ summary: Summary) -> String
}
