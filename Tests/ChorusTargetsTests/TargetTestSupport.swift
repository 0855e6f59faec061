import ChorusModel
import ChorusReferenceBot
import ChorusServer
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// Shared steps of the connector tests: the acme-v1 bot, target files written into a fresh
/// folder, and a conversation played through a target.
enum TargetTests {
    static let bot: ReferenceBot = {
        // The fixture is valid (other suites test it), so a failure here is a broken checkout.
        (try? ReferenceBot(definition: BotLoader.load(path: Fixtures.path("Fixtures/bots/acme-v1.yaml"))))!
    }()

    /// A conversation that visits a form, slot filling, small talk, a fallback and a handoff.
    static let script = [
        "hello", "where is my order", "it is AB-123456", "what are your opening hours", "asdf qwer zxcv",
        "I want a refund for order CD-654321", "the headphones", "let me talk to a human please",
    ]

    /// Writes `files` (name → text) into a fresh folder; returns the path of the first name given.
    static func write(_ name: String, _ text: String, extra: [String: String] = [:]) throws -> String {
        let folder = try Fixtures.temporaryDirectory("chorus-target")
        for (file, contents) in extra.merging([name: text], uniquingKeysWith: { $1 }) {
            try contents.write(toFile: "\(folder)/\(file)", atomically: true, encoding: .utf8)
        }
        return "\(folder)/\(name)"
    }

    /// Plays `messages` in one conversation, returning the replies (stopping at the first error).
    static func play(_ target: any Target, _ messages: [String], id: String = "c-1") async throws -> [BotReply] {
        var session = try await target.makeSession(conversationID: id)
        var replies: [BotReply] = []
        for message in messages { replies.append(try await session.send(message)) }
        await session.close()
        return replies
    }

    /// The reply with the raw bodies removed, for comparing what was extracted.
    static func extracted(_ reply: BotReply) -> BotReply {
        var copy = reply
        copy.raw = []
        return copy
    }

    /// Runs the acme-v1 bot server for the length of `body`.
    static func withBotServer<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LoopbackServer.run(BotServer(bot: bot, port: 0).router(), body)
    }
}
