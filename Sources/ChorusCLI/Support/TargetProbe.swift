import ChorusModel
import ChorusTargets
import Foundation

/// One greeting in a fresh conversation, through the target itself: `chorus probe` shows what
/// came back, and the commands that run conversations send it first, so a target that cannot be
/// reached stops them at once (exit 3) with the cause — before a run is stored or a report
/// written, instead of a minute of failed conversations and an all-zero report.
enum TargetProbe {
    /// What the commands send before a run.
    static let greeting = "hello"

    /// One message in a fresh conversation.
    static func exchange(_ target: any Target, text: String) async -> Result<BotReply, TargetError> {
        do throws(TargetError) {
            var session = try await target.makeSession(
                conversationID: "probe-\(UUID().uuidString.prefix(8).lowercased())")
            let reply = try await session.send(text)
            await session.close()
            return .success(reply)
        } catch {
            return .failure(error)
        }
    }

    /// How many greetings a target is sent before a run is refused. A failed connection is
    /// final at once; any other error (an HTTP 500 from a flaky proxy, a slow first answer of a
    /// program still starting) may be a bad moment of a target that works, so the greeting is
    /// sent again, in a fresh conversation.
    static let attempts = 3

    /// The error of the last greeting when none of `attempts` was answered; nil once one is.
    static func greet(_ target: any Target) async -> TargetError? {
        var last: TargetError?
        for _ in 0..<attempts {
            switch await exchange(target, text: greeting) {
            case .success: return nil
            case .failure(let error):
                if error.kind == .connection { return error }
                last = error
            }
        }
        return last
    }

    /// Checks that each target (with the file it came from) answers a greeting; when one does
    /// not, shuts them all down and throws a failure with exit code 3 naming the cause. The
    /// embedded reference bot cannot be unreachable, so it is not asked.
    static func check(_ targets: [(target: any Target, path: String)]) async throws {
        for (target, path) in targets where target.info.kind != "reference" {
            guard let error = await greet(target) else { continue }
            for (target, _) in targets { await target.shutdown() }
            let tries = error.kind == .connection ? "" : " in \(attempts) tries"
            throw CommandFailure(
                kind: .target,
                message:
                    "target \"\(target.info.name)\" did not answer a greeting\(tries): \(error.kind.rawValue): \(error.detail); "
                    + "nothing was run (check it with: chorus probe --target \(path))")
        }
    }
}
