import ArgumentParser
import ChorusRunner
import ChorusSpec
import ChorusStore

/// A failure a command reports to the user and turns into Chorus's exit code, without a
/// stack trace: 1 the gate failed, 2 bad input or usage, 3 target unreachable or too many errors.
struct CommandFailure: Error, CustomStringConvertible {
    enum Kind: Int32 {
        case gateFailed = 1
        case badInput = 2
        case target = 3
        /// Ctrl-C, by the shell's convention (128 + SIGINT).
        case interrupted = 130
    }

    var kind: Kind
    var message: String

    var description: String { message }

    static func badInput(_ message: String) -> CommandFailure { CommandFailure(kind: .badInput, message: message) }

    /// Exit 3 when every conversation of a run ended in a target error: the target is down or
    /// misconfigured, whatever the gate would say; nil otherwise.
    static func allErrored(conversations: Int, errors: Int, targetPath: String) -> CommandFailure? {
        guard conversations > 0, errors == conversations else { return nil }
        return CommandFailure(
            kind: .target,
            message: "every conversation ended in a target error; is the target reachable? (try chorus probe --target \(targetPath))")
    }

    /// A run that stopped early — Ctrl-C (130) or too many target errors (3) — with the command
    /// that resumes it.
    static func stopped(_ reason: StopFlag.Reason, run: String, stored: Int, db: String) -> CommandFailure {
        let resume = "\(stored) conversations stored. Resume with: chorus run --resume \(run) --db \(db)"
        switch reason {
        case .interrupted: return CommandFailure(kind: .interrupted, message: "interrupted; \(resume)")
        case .targetErrors(let detail): return CommandFailure(kind: .target, message: "\(detail); \(resume)")
        }
    }

    /// Reports `body`'s failures on standard error and exits with the matching code.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SpecError {
            Console.error(error.description)
            let count = error.diagnostics.count
            Console.error("\(count) error\(count == 1 ? "" : "s")")
            throw ExitCode(Kind.badInput.rawValue)
        } catch let failure as CommandFailure {
            Console.error("error: \(failure.message)")
            throw ExitCode(failure.kind.rawValue)
        } catch let error as StoreError {
            Console.error("error: \(error.description)")
            throw ExitCode(Kind.badInput.rawValue)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(Kind.badInput.rawValue)
        }
    }
}
