import Foundation

/// The one way Chorus writes a JSON document (`summary.json`, baselines, `--format json`):
/// pretty, sorted keys, slashes unescaped, ending in a newline, so output is byte-stable.
public enum JSONOutput {
    /// `value` as a JSON document. A non-finite number, which no document should hold, is written
    /// as a string (`"inf"`, `"nan"`) so the document stays valid JSON.
    public static func render(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) + "\n" }
    }
}
