// chorus-transport-bench: Chorus's connector for a target file alone, without the synthetic
// users, scoring or the store. `scripts/bench http` runs it beside wrk and `chorus run`, so the
// cost of the transport (the target's JSON, the connection pool, NIOHTTP1's codec, the event
// loops) can be told from the cost of the conversations around it.
//
//   chorus-transport-bench TARGET.yaml [CONNECTIONS] [MESSAGES]
//
// CONNECTIONS tasks (default 64) each hold a conversation of three messages, then open the next,
// until MESSAGES messages (default 300,000) have been answered. Prints one line:
// `transport: M messages in S s: R messages/s, U µs of CPU per message, E errors`.
import ChorusTargets
import Foundation
import NIOCore
import NIOPosix
import Synchronization

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: chorus-transport-bench TARGET.yaml [CONNECTIONS] [MESSAGES]\n".utf8))
    exit(2)
}
let connections = arguments.dropFirst().first.flatMap { Int($0) } ?? 64
let messages = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 300_000
// As `chorus run` does for a network target: conversations on NIO's event loops.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

let target: any Target
do {
    target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: connections))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let claimed = Atomic(0)
let errors = Atomic(0)
let cpuBefore = cpuSeconds()
let start = ContinuousClock.now
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<connections {
        group.addTask {
            var conversation = 0
            while claimed.load(ordering: .relaxed) < messages {
                conversation += 1
                guard var session = try? await target.makeSession(conversationID: "bench-\(worker)-\(conversation)")
                else {
                    // Counted as a message, so a target that cannot open sessions ends the run.
                    claimed.add(1, ordering: .relaxed)
                    errors.add(1, ordering: .relaxed)
                    continue
                }
                for _ in 0..<3 {
                    guard claimed.add(1, ordering: .relaxed).newValue <= messages else { break }
                    do {
                        _ = try await session.send("where is my order?")
                    } catch {
                        errors.add(1, ordering: .relaxed)
                    }
                }
                await session.close()
            }
        }
    }
}
let elapsed = ContinuousClock.now - start
let seconds = elapsed / .seconds(1)
let cpu = cpuSeconds() - cpuBefore
await target.shutdown()
print(
    String(
        format: "transport: %d messages in %.2f s: %.0f messages/s, %.1f µs of CPU per message, %d errors",
        messages, seconds, Double(messages) / seconds, cpu / Double(messages) * 1e6, errors.load(ordering: .relaxed)))
