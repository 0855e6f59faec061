import ChorusModel

/// A target whose replies and errors pass through a `SecretRedactor` before anything else sees
/// them: the runner, the store, the reports and `chorus probe` get `[secret VAR]`, never the value.
struct RedactingTarget: Target {
    let base: any Target
    let redactor: SecretRedactor

    var info: TargetInfo { base.info }

    func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        do {
            return Session(base: try await base.makeSession(conversationID: id), redactor: redactor)
        } catch {
            throw redactor.redact(error)
        }
    }

    func shutdown() async { await base.shutdown() }

    struct Session: TargetSession {
        var base: any TargetSession
        let redactor: SecretRedactor

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            do {
                return redactor.redact(try await base.send(text))
            } catch {
                throw redactor.redact(error)
            }
        }

        mutating func close() async { await base.close() }
    }
}
