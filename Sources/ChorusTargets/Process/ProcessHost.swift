import ChorusModel
import ChorusSpec
import Foundation
import NIOCore
import NIOPosix

/// Runs a target program and multiplexes every conversation's requests over its stdin and
/// stdout, one JSON object per line.
///
/// The program is started at the first request and kept running. Each request carries an `id`;
/// a reply is matched by that `id` when it echoes it, else by `conversation_id` (the oldest
/// open request of that conversation). When the program exits, every open request fails with a
/// `connection` error and the next request starts it again. A request without a reply by its
/// deadline, on the host's clock, fails as a `timeout`.
public actor ProcessHost {
    public let executable: String
    public let arguments: [String]
    public let directory: String
    private let clock: any WaitClock

    /// How many times the program has been started.
    public private(set) var starts = 0

    private struct Running {
        let process: Process
        let input: FileHandle
        let generation: Int
    }

    private struct Pending {
        let conversation: String
        let generation: Int
        let continuation: CheckedContinuation<Result<ProcessReply, TargetError>, Never>
        var timer: (any WaitTimer)?
    }

    private var running: Running?
    private var pending: [Int: Pending] = [:]
    private var nextID = 1

    /// A host for `command args…`, run in `directory`. A command without `/` is looked up on
    /// `PATH`. Reply deadlines are measured on `clock`.
    public init(command: String, arguments: [String], directory: String, clock: any WaitClock = SystemWaitClock()) {
        self.clock = clock
        if command.contains("/") {
            executable = command.hasPrefix("/") ? command : (directory as NSString).appendingPathComponent(command)
            self.arguments = arguments
        } else {
            executable = "/usr/bin/env"
            self.arguments = [command] + arguments
        }
        self.directory = directory
    }

    /// Sends one user message and waits up to `timeout` for the program's reply.
    public func request(conversationID: String, text: String, timeout: Duration) async throws(TargetError)
        -> ProcessReply
    {
        let current = try ensureRunning()
        let deadline = clock.now + timeout
        let id = nextID
        nextID += 1
        let line = ProcessRequest(id: id, conversationID: conversationID, text: text).line()
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<ProcessReply, TargetError>, Never>) in
            pending[id] = Pending(
                conversation: conversationID, generation: current.generation, continuation: continuation)
            do {
                try current.input.write(contentsOf: Data(line.utf8))
            } catch {
                finish(id, .failure(TargetError(.connection, "cannot write to the program: it has exited")))
                return
            }
            pending[id]?.timer = clock.schedule(at: deadline, on: MultiThreadedEventLoopGroup.singleton.any()) {
                [weak self] in
                guard let self else { return }
                Task {
                    await self.finish(
                        id, .failure(TargetError(.timeout, "no reply from the program within the timeout")))
                }
            }
        }
        return try result.get()
    }

    /// Stops the program (closing its input first, so it can exit by itself).
    public func shutdown() {
        guard let current = running else { return }
        running = nil
        try? current.input.close()
        if current.process.isRunning { current.process.terminate() }
        fail(generation: current.generation, TargetError(.connection, "the target was shut down"))
    }

    private func finish(_ id: Int, _ result: Result<ProcessReply, TargetError>) {
        guard let entry = pending.removeValue(forKey: id) else { return }
        entry.timer?.cancel()
        entry.continuation.resume(returning: result)
    }

    private func fail(generation: Int, _ error: TargetError) {
        for id in pending.keys.sorted() where pending[id]?.generation == generation {
            finish(id, .failure(error))
        }
    }

    private func ensureRunning() throws(TargetError) -> Running {
        if let running, running.process.isRunning { return running }
        // Writing to a program that has just exited must fail with EPIPE, not kill Chorus.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TargetError(.connection, "cannot start the program \(executable): \(error.localizedDescription)")
        }
        starts += 1
        let generation = starts
        let started = Running(process: process, input: input.fileHandleForWriting, generation: generation)
        running = started
        let lines = Self.lines(of: output.fileHandleForReading)
        Task { [weak self] in
            for await line in lines { await self?.deliver(line, generation: generation) }
            await self?.exited(generation: generation, process: process)
        }
        return started
    }

    /// The program's stdout as lines, read on a thread of its own (reads block).
    private static func lines(of handle: FileHandle) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let thread = Thread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer.removeSubrange(buffer.startIndex...newline)
                    continuation.yield(String(decoding: line, as: UTF8.self))
                }
            }
            if !buffer.isEmpty { continuation.yield(String(decoding: buffer, as: UTF8.self)) }
            continuation.finish()
        }
        thread.start()
        return stream
    }

    private func deliver(_ line: String, generation: Int) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let open = pending.filter { $0.value.generation == generation }.keys.sorted()
        let decoded: ProcessReply.Line
        do {
            decoded = try ProcessReply.Line(parsing: line)
        } catch {
            // A line that names no request can only be blamed on the oldest one.
            if let oldest = open.first {
                finish(
                    oldest, .failure(TargetError(.malformedReply, "the program wrote a line that is not a JSON reply")))
            }
            return
        }
        let id =
            decoded.id.flatMap { pending[$0] != nil ? $0 : nil }
            ?? open.first { pending[$0]?.conversation == decoded.conversationID }
        guard let id else { return }
        finish(
            id,
            decoded.reply().map { found in
                var reply = found
                reply.reply.raw = [line]
                return reply
            })
    }

    private func exited(generation: Int, process: Process) {
        if running?.generation == generation { running = nil }
        let status = process.isRunning ? "" : " with status \(process.terminationStatus)"
        fail(
            generation: generation,
            TargetError(.connection, "the program exited\(status); it is restarted for the next turn"))
    }
}
