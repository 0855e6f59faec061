import Foundation

/// Paths of the repository's fixtures, scenarios and built binaries, for tests.
public enum Fixtures {
    /// The repository's root folder (found from this file's location).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `relative` resolved against the repository root.
    public static func path(_ relative: String) -> String {
        "\(root)/\(relative)"
    }

    /// A fresh empty folder, inside this test process's own folder (`processDirectory`).
    public static func temporaryDirectory(_ label: String = "chorus") throws -> String {
        let url = processDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The folder under the system's temporary folder that holds every temporary folder of
    /// this test process; it is removed when the process exits, so test runs leave nothing
    /// behind in the system's temporary folder.
    public static let processDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "chorus-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixtures.processDirectory) }
        return url
    }()

    /// The `chorus` executable built beside the test bundle.
    public static var chorusBinary: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("chorus").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return path(".build/debug/chorus")
    }
}
