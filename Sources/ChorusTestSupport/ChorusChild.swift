import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A long-running `chorus` process (a served bot, a dashboard, a watch, a run serving metrics)
/// whose standard output and error arrive line by line, so a test waits for what it says — "serving
/// bot … on http://127.0.0.1:PORT", "tick 3 …" — instead of for a time.
///
/// Servers are started on port 0 and the test reads the port they chose from their log: a port
/// picked in advance and released could be taken by a parallel test before the server binds it.
public final class ChorusChild: Sendable {
    public let process: Process
    private let lines: Mutex<(text: [String], ended: Bool)> = Mutex(([], false))
    private let count = EventCount()

    /// Starts `chorus arguments…` in the repository root.
    public init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.chorusBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        // A thread of its own: the read blocks, and must not hold a cooperative thread.
        Thread { [self] in
            var pending = ""
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending += String(decoding: chunk, as: UTF8.self)
                while let newline = pending.firstIndex(of: "\n") {
                    let line = String(pending[..<newline])
                    pending = String(pending[pending.index(after: newline)...])
                    lines.withLock { $0.text.append(line) }
                    count.add()
                }
            }
            // The end of the output: wakes a test waiting for a line that will never come.
            lines.withLock { $0.ended = true }
            count.add()
        }.start()
    }

    /// Every line so far.
    public var output: [String] { lines.withLock { $0.text } }

    /// Every line so far, as one text (for a test's failure message).
    public var transcript: String { output.joined(separator: "\n") }

    /// The first line from the `start`-th on that satisfies `matching`, once it came; index -1 and
    /// an empty text when the process ended without saying it.
    public func line(after start: Int = 0, _ matching: @escaping @Sendable (String) -> Bool) async -> (
        index: Int, text: String
    ) {
        var seen = start
        while true {
            let events = count.value
            let (current, ended) = lines.withLock { ($0.text, $0.ended) }
            if let index = current.indices.dropFirst(seen).first(where: { matching(current[$0]) }) {
                return (index, current[index])
            }
            if ended { return (-1, "") }
            seen = max(seen, current.count)
            await count.reached(events + 1)
        }
    }

    /// The port of the first line containing `marker` and `127.0.0.1:PORT` (a server's "listening"
    /// line), once it came.
    public func port(after marker: String) async throws -> Int {
        let said = await line { $0.contains(marker) }
        guard let match = said.text.firstMatch(of: /127\.0\.0\.1:(\d+)/), let port = Int(match.1) else {
            throw ChorusChildError(message: "no \"\(marker)\" line with a port from chorus:\n\(transcript)")
        }
        return port
    }

    /// Sends `signal` (e.g. SIGUSR1) to the process.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// SIGTERM, then the exit status once the process ended.
    public func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        await process.exited()
        return process.terminationStatus
    }
}

public struct ChorusChildError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// `chorus serve-bot` for end-to-end tests, on a port it chose (port 0), once it listens. There
/// is no way to ask for a given port: a port a test picked may be taken by another test by the time
/// the server binds it.
public struct ServedBot: Sendable {
    public let child: ChorusChild
    public let port: Int

    /// Starts `chorus serve-bot bot --port 0` and returns once it says where it is serving.
    public static func start(_ bot: String = "Fixtures/bots/acme-v1.yaml") async throws -> ServedBot {
        let child = try ChorusChild(["serve-bot", bot, "--port", "0"])
        return ServedBot(child: child, port: try await child.port(after: "serving bot"))
    }

    /// `Fixtures/targets/<name>.yaml` pointed at this server's port, written into `folder`.
    public func target(_ name: String, in folder: String) throws -> String {
        let text = try String(contentsOfFile: Fixtures.path("Fixtures/targets/\(name).yaml"), encoding: .utf8)
        let path = "\(folder)/\(name).yaml"
        try text.replacingOccurrences(of: "127.0.0.1:5005", with: "127.0.0.1:\(port)")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Asks the server to stop, without waiting (for `defer`).
    public func terminate() {
        if child.process.isRunning { child.process.terminate() }
    }

    /// SIGTERM; the exit status once it stopped.
    public func stop() async -> Int32 {
        await child.stop()
    }
}
