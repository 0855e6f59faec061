import Foundation

/// Runs the built `chorus` binary as a user would, capturing its output and exit code.
public enum ChorusProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `chorus arguments…` in `directory` (default: the repository root) and waits for it,
    /// without holding one of Swift's few cooperative threads (see `Process.exited()`).
    public static func run(
        _ arguments: [String], in directory: String = Fixtures.root, environment: [String: String] = [:]
    ) async throws -> Result {
        try await run(executable: Fixtures.chorusBinary, arguments, in: directory, environment: environment)
    }

    /// Runs any program the same way (a script, `podman`, `chroot`), for tests that drive the tools
    /// around chorus; `environment` is added to this process's own.
    public static func run(
        executable: String, _ arguments: [String], in directory: String = Fixtures.root,
        environment: [String: String] = [:]
    ) async throws -> Result {
        let scratch = try Fixtures.temporaryDirectory("chorus-process")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Output goes to files, not pipes, so a chatty child never blocks on a full pipe.
        let outURL = URL(fileURLWithPath: "\(scratch)/stdout")
        let errURL = URL(fileURLWithPath: "\(scratch)/stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        await process.exited()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

extension Process {
    /// Waits for the process to end on a thread of its own: tests run on Swift's cooperative
    /// pool (one thread per core), and a blocking wait there would starve every other test.
    public func exited() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                self.waitUntilExit()
                continuation.resume()
            }
            thread.start()
        }
    }
}
