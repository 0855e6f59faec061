import ChorusModel
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct ProcessTargetTests {
    /// Echoes each text; exits on "crash"; never answers "stall"; answers "anonymous" without an
    /// id (matched by conversation id) and "garbage" with a line that is not JSON.
    static let echo = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            text = request["text"]
            if text == "crash":
                sys.exit(3)
            if text == "stall":
                continue
            if text == "garbage":
                sys.stdout.write("this is not json\\n"); sys.stdout.flush(); continue
            reply = {"conversation_id": request["conversation_id"], "texts": ["echo: " + text], "intent": "echo",
                     "confidence": 0.5, "entities": [{"entity": "n", "value": 7}]}
            if text != "anonymous":
                reply["id"] = request["id"]
            sys.stdout.write(json.dumps(reply) + "\\n")
            sys.stdout.flush()
        """

    /// The echo program as a target; its reply timeout runs on `clock`, which moves only when a
    /// test moves it, so a slow start of the program never turns into a timeout.
    static func target(timeout: Double = 10, clock: TestClock = TestClock()) throws -> any Target {
        let path = try TargetTests.write(
            "process.yaml", "kind: process\ncommand: python3\nargs: [echo.py]\ntimeout: \(timeout)\n",
            extra: ["echo.py": echo])
        return try TargetFactory.make(path: path, options: TargetOptions(clock: clock))
    }

    @Test func repliesAreMatchedToTheirConversationsUnderConcurrency() async throws {
        let target = try Self.target()
        let results = try await withThrowingTaskGroup(of: (Int, [BotReply]).self) { group in
            for conversation in 0..<8 {
                group.addTask {
                    let messages = (0..<5).map { "c\(conversation) m\($0)" } + ["anonymous"]
                    return (conversation, try await TargetTests.play(target, messages, id: "conv-\(conversation)"))
                }
            }
            var all: [Int: [BotReply]] = [:]
            for try await (conversation, replies) in group { all[conversation] = replies }
            return all
        }
        await target.shutdown()
        for conversation in 0..<8 {
            let texts = results[conversation]?.map { $0.texts.joined() }
            #expect(texts == (0..<5).map { "echo: c\(conversation) m\($0)" } + ["echo: anonymous"])
        }
        let first = try #require(results[0]?.first)
        #expect(first.intent == "echo" && first.confidence == 0.5 && first.entities == [Entity(name: "n", value: "7")])
        #expect((target as? ProcessTarget).map { _ in true } == true)
    }

    @Test func aCrashIsAConnectionErrorAndTheProgramIsRestarted() async throws {
        let target = try Self.target()
        let host = try #require((target as? ProcessTarget)?.host)
        var session = try await target.makeSession(conversationID: "a")
        #expect(try await session.send("before").texts == ["echo: before"])
        let error = await #expect(throws: TargetError.self) { try await session.send("crash") }
        #expect(error?.kind == .connection)
        #expect(error?.detail.hasPrefix("the program exited") == true)
        var next = try await target.makeSession(conversationID: "b")
        #expect(try await next.send("after").texts == ["echo: after"])
        #expect(await host.starts == 2)
        await target.shutdown()
    }

    @Test func silenceIsATimeoutAndGarbageAMalformedReply() async throws {
        let clock = TestClock()
        let target = try Self.target(timeout: 0.3, clock: clock)
        let stalled = Task {
            var session = try await target.makeSession(conversationID: "s")
            return try await session.send("stall")
        }
        // The request is written and its deadline set; then the clock passes the deadline.
        await clock.pending(atLeast: 1)
        clock.advance(by: .milliseconds(299))
        #expect(clock.pendingDeadlines == [.milliseconds(300)])
        clock.advance(by: .milliseconds(1))
        let silent = await #expect(throws: TargetError.self) { try await stalled.value }
        #expect(silent == TargetError(.timeout, "no reply from the program within the timeout"))
        var session = try await target.makeSession(conversationID: "a")
        let garbage = await #expect(throws: TargetError.self) { try await session.send("garbage") }
        #expect(garbage?.kind == .malformedReply)
        #expect(try await session.send("still here").texts == ["echo: still here"])
        await target.shutdown()
    }

    @Test func theShippedKeywordBotSpeaksTheProtocol() async throws {
        let target = try TargetFactory.make(
            path: Fixtures.path("Fixtures/targets/acme-process.yaml"), options: TargetOptions(clock: TestClock()))
        let replies = try await TargetTests.play(target, ["hello", "where is my order", "AB-123456", "a human please"])
        await target.shutdown()
        #expect(replies.map(\.intent) == ["greet", "order_status", "inform", "human_handoff"])
        #expect(replies[2].entities == [Entity(name: "order_id", value: "AB-123456")])
        #expect(replies[3].handoff == true)
        #expect(target.info.detail == "python3 ../bots/keyword-bot.py")
    }
}
