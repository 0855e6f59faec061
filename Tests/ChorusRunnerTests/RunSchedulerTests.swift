import ChorusModel
import ChorusRunner
import ChorusScoring
import ChorusSimulation
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

/// A one-goal suite: the user asks for the opening hours and is done when the bot gives them.
private func hoursSuite() throws -> CompiledSuite {
    try CompiledSuite(
        Suite(
            suite: "hours", seed: 3, maxTurns: 3,
            personas: ["p": Persona(patience: 2)],
            goals: [
                "hours": Goal(
                    intent: "opening_hours", openings: ["when are you open?", "opening hours?"],
                    success: SuccessCondition(reply: "(?i)we are open"))
            ],
            bot: BotRecognition(fallback: Recognizer(patterns: ["(?i)didn't understand"]))))
}

private func index(of conversation: String) -> Int {
    Int(conversation.split(separator: "-").last!)!
}

@Suite struct RunSchedulerTests {
    @Test func recordsArriveInIndexOrderWhateverFinishesFirst() async throws {
        // Conversations yield a varying number of times, so they finish out of order.
        let target = FakeTarget { conversation, _, _ throws(TargetError) in
            for _ in 0..<(index(of: conversation) * 7 % 13) { await Task.yield() }
            return BotReply(texts: ["We are open 9 to 5."], intent: "opening_hours")
        }
        let driver = ConversationDriver(suite: try hoursSuite(), seed: 3, target: target, runTag: "t")
        var seen: [Int] = []
        try await RunScheduler(concurrency: 8).run(0..<200, driver: driver) { seen.append($0.index) }
        #expect(seen == Array(0..<200))
    }

    @Test func aFailingTargetIsRecordedAsAClassifiedErrorAndTheRunGoesOn() async throws {
        let target = FakeTarget { conversation, _, _ throws(TargetError) in
            if index(of: conversation) % 3 == 0 { throw TargetError(.timeout, "no reply within 2 s") }
            return BotReply(texts: ["We are open 9 to 5."], intent: "opening_hours")
        }
        let driver = ConversationDriver(suite: try hoursSuite(), seed: 3, target: target, runTag: "t")
        var records: [ConversationRecord] = []
        try await RunScheduler(concurrency: 4).run(0..<30, driver: driver) { records.append($0) }
        #expect(records.count == 30)
        for record in records {
            if record.index % 3 == 0 {
                #expect(record.outcome == .error)
                #expect(record.turns.last?.error == .timeout)
                #expect(record.turns.last?.errorDetail == "no reply within 2 s")
            } else {
                #expect(record.outcome == .completed)
            }
        }
    }

    @Test func fallbacksAreRecognisedByTheSuitesPatterns() async throws {
        let target = FakeTarget { _, _, _ throws(TargetError) in
            BotReply(texts: ["Sorry, I didn't understand."])
        }
        let driver = ConversationDriver(suite: try hoursSuite(), seed: 3, target: target, runTag: "t")
        let record = await driver.run(conversation: 0)
        #expect(record.outcome == .abandoned)
        #expect(record.turns.count == 2)
        #expect(record.turns.allSatisfy { $0.fallback })
        #expect(record.turns[0].predictedIntent == nil)
        #expect(record.turns[0].expectedIntent == "opening_hours")
    }

    @Test func theTranscriptLineIsOneJSONObjectWithTheDocumentedKeys() async throws {
        let target = FakeTarget { _, _, _ throws(TargetError) in
            BotReply(
                texts: ["We are open \"9 to 5\"\nall week."], intent: "opening_hours", confidence: 0.75, entities: [])
        }
        let record = await ConversationDriver(suite: try hoursSuite(), seed: 3, target: target, runTag: "t").run(
            conversation: 4)
        let line = TranscriptSink.line(record)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["conversation"] as? Int == 4)
        #expect(object["outcome"] as? String == "completed")
        let turn = try #require((object["turns"] as? [[String: Any]])?.first)
        for key in [
            "user", "expected_intent", "predicted_intent", "confidence", "fallback", "handoff", "bot", "latency_ms",
            "error",
        ] {
            #expect(turn.keys.contains(key), "turn has \(key)")
        }
        #expect(turn["bot"] as? [String] == ["We are open \"9 to 5\"\nall week."])
        #expect(turn["confidence"] as? Double == 0.75)
    }
}

/// Open-loop load on a test clock: the schedule and the latencies are exact, whatever the
/// machine is doing.
@Suite(.timeLimit(.minutes(5))) struct OpenLoopTests {
    /// Every reply takes 250 ms of the test clock: answering moves the clock on, nothing waits.
    static func slowTarget(_ clock: TestClock) -> FakeTarget {
        FakeTarget { _, _, _ throws(TargetError) in
            clock.advance(by: .milliseconds(250))
            return BotReply(texts: ["We are open 9 to 5."], intent: "opening_hours")
        }
    }

    /// One conversation at a time, due every 100 ms, each taking 250 ms: the second starts when
    /// the first ends (at 250 ms, 150 ms late) and its latency counts from when it was due, so
    /// a slow bot shows in the latencies instead of slowing the load down.
    @Test func aConversationStartedLateHasItsLatencyCountedFromWhenItWasDue() async throws {
        let clock = TestClock(.skippingWaits)
        let driver = ConversationDriver(
            suite: try hoursSuite(), seed: 3, target: Self.slowTarget(clock), runTag: "t", clock: clock)
        var latencies: [Double] = []
        try await RunScheduler(concurrency: 1, rate: 10).run(0..<3, driver: driver) { record in
            latencies.append(contentsOf: record.turns.map(\.latencyMs))
        }
        #expect(latencies == [250, 400, 550])
        #expect(clock.now == .milliseconds(750))
    }

    @Test func aClosedLoopMeasuresEachReplyFromItsRequest() async throws {
        let clock = TestClock(.skippingWaits)
        let driver = ConversationDriver(
            suite: try hoursSuite(), seed: 3, target: Self.slowTarget(clock), runTag: "t", clock: clock)
        var latencies: [Double] = []
        try await RunScheduler(concurrency: 1).run(0..<3, driver: driver) { record in
            latencies.append(contentsOf: record.turns.map(\.latencyMs))
        }
        #expect(latencies == [250, 250, 250])
    }

    /// With room to spare, conversation p starts at p / rate: the scheduler waits on the clock
    /// for exactly those instants, and starts nothing before.
    @Test func conversationsStartAtTheRate() async throws {
        let clock = TestClock()
        let started = Mutex<[Int: Duration]>([:])
        let target = FakeTarget { conversation, turn, _ throws(TargetError) in
            if turn == 1 { started.withLock { $0[index(of: conversation)] = clock.now } }
            return BotReply(texts: ["We are open 9 to 5."], intent: "opening_hours")
        }
        let driver = ConversationDriver(suite: try hoursSuite(), seed: 3, target: target, runTag: "t", clock: clock)
        let finished = EventCount()
        async let run: Void = RunScheduler(concurrency: 4, rate: 5).run(0..<4, driver: driver) { _ in finished.add() }
        for position in 1..<4 {
            // Conversation `position - 1` has been played; the next waits for its instant.
            await finished.reached(position)
            await clock.pending(atLeast: 1)
            #expect(clock.pendingDeadlines == [.milliseconds(200 * position)])
            clock.advance(by: .milliseconds(200))
        }
        try await run
        #expect(
            started.withLock { $0 } == [0: .zero, 1: .milliseconds(200), 2: .milliseconds(400), 3: .milliseconds(600)])
    }
}
