import ArgumentParser
import ChorusReports
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
        /// SIGTERM (128 + 15), after the run was drained and stored.
        case terminated = 143
    }

    var kind: Kind
    var message: String

    var description: String { message }

    static func badInput(_ message: String) -> CommandFailure { CommandFailure(kind: .badInput, message: message) }

    /// Exit 3 when the share of conversations that ended in a target error is above `bound`
    /// (every one of them: the target is down or misconfigured), whatever the gate would say;
    /// nil otherwise. Behavioural rates leave those conversations out, so the error rate is
    /// judged here, on its own.
    static func tooManyErrors(conversations: Int, errors: Int, bound: Double, targetPath: String) -> CommandFailure? {
        guard conversations > 0, errors > 0 else { return nil }
        if errors == conversations {
            return CommandFailure(
                kind: .target,
                message:
                    "every conversation ended in a target error; is the target reachable? (try chorus probe --target \(targetPath))"
            )
        }
        let share = Double(errors) / Double(conversations)
        guard share > bound else { return nil }
        return CommandFailure(
            kind: .target,
            message:
                "\(errors) of \(conversations) conversations (\(Figures.rate(share))) ended in a target error, above the "
                + "allowed \(Figures.rate(bound)) (--max-error-rate, or the suite's error_rate.max); the reports state the "
                + "error classes, and the behavioural rates cover the \(conversations - errors) other conversations")
    }

    /// A run that stopped early — Ctrl-C (130), SIGTERM (143) or too many target errors (3) — with the command
    /// that resumes it.
    static func stopped(_ reason: StopFlag.Reason, run: String, stored: Int, db: String) -> CommandFailure {
        let resume = "\(stored) conversations stored. Resume with: chorus run --resume \(run) --db \(db)"
        switch reason {
        case .interrupted: return CommandFailure(kind: .interrupted, message: "interrupted; \(resume)")
        case .terminated: return CommandFailure(kind: .terminated, message: "terminated (SIGTERM); \(resume)")
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
            // A message may quote the target (an error detail, a reply): shown, never obeyed.
            Console.error("error: \(Escaping.terminal(failure.message))")
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
