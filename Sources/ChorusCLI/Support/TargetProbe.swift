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

    /// Checks that each target (with the file it came from) answers a greeting; when one does
    /// not, shuts them all down and throws a failure with exit code 3 naming the cause. The
    /// embedded reference bot cannot be unreachable, so it is not asked.
    static func check(_ targets: [(target: any Target, path: String)]) async throws {
        for (target, path) in targets where target.info.kind != "reference" {
            guard case .failure(let error) = await exchange(target, text: greeting) else { continue }
            for (target, _) in targets { await target.shutdown() }
            throw CommandFailure(
                kind: .target,
                message:
                    "target \"\(target.info.name)\" did not answer a greeting: \(error.kind.rawValue): \(error.detail); "
                    + "nothing was run (check it with: chorus probe --target \(path))")
        }
    }
}
