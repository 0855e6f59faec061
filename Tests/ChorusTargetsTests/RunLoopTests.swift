import ChorusModel
import ChorusRunner
import ChorusScoring
import ChorusSimulation
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// A run-like loop (the runner's driver and scheduler) against a flaky server completes, records
/// every conversation, and classifies every error. Deadlines run on a test clock: the stalled
/// conversations time out when the test moves the clock, once everything else has finished.
/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct RunLoopTests {
    @Test func aRunAgainstAFaultyServerRecordsEveryConversationAndClassifiesErrors() async throws {
        let loaded = try SuiteLoader.load(path: Fixtures.path("Scenarios/customer-service"))
        let suite = try CompiledSuite(loaded.suite)
        // The conversation id's number picks the fault, so the result does not depend on timing.
        let stalls = EventCount()
        let server = FaultServer { request, _ in
            let sender =
                (try? JSONDecoder().decode([String: String].self, from: Data(request.body.utf8)))?["sender"] ?? ""
            let index = Int(sender.split(separator: "-").last ?? "") ?? 0
            switch index % 10 {
            case 1: return .status(500)
            case 2: return .malformed
            case 3: return .status(503, retryAfter: 1)
            case 4:
                stalls.add()
                return .stall
            default:
                return .json(
                    #"[{"recipient_id": "x", "text": "Sorry, I didn't understand that. Could you rephrase?"}]"#)
            }
        }
        let clock = TestClock(.skippingWaits)
        let records = try await server.run { port in
            let path = try TargetTests.write(
                "rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\ntimeout: 5\nretries: 1\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: 8, clock: clock))
            let ended = EventCount()
            let driver = ConversationDriver(
                suite: suite, seed: 7, target: CountingTarget(wrapped: target, ended: ended), runTag: "faulty",
                clock: clock)
            let collected = Collected()
            async let run: Void = RunScheduler(concurrency: 8).run(0..<40, driver: driver) { record in
                await collected.add(record)
            }
            // Every conversation but the four stalled ones has ended, and those four wait at the
            // server: past their deadline, they time out. (Back-off moved the clock by the
            // four 1 s Retry-Afters, less than the 5 s timeout: nothing else timed out.)
            await ended.reached(36)
            await stalls.reached(4)
            clock.advance(by: .seconds(5))
            try await run
            await target.shutdown()
            return await collected.records
        }
        #expect(records.map(\.index) == Array(0..<40))
        var errors: [TargetErrorClass: Int] = [:]
        for record in records where record.outcome == .error {
            #expect(record.turns.last?.error != nil)
            if let kind = record.turns.last?.error { errors[kind, default: 0] += 1 }
        }
        #expect(errors == [.httpStatus: 8, .malformedReply: 4, .timeout: 4])
        #expect(records.filter { $0.outcome != .error }.count == 24)
        // 503s were retried once each, after the server's Retry-After.
        #expect(clock.waits.filter { $0 == .seconds(1) }.count == 4)
    }
}

/// A target that counts the conversations that ended (their sessions closed).
struct CountingTarget: Target {
    let wrapped: any Target
    let ended: EventCount

    var info: TargetInfo { wrapped.info }

    func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        Session(wrapped: try await wrapped.makeSession(conversationID: id), ended: ended)
    }

    struct Session: TargetSession {
        var wrapped: any TargetSession
        let ended: EventCount

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            try await wrapped.send(text)
        }

        mutating func close() async {
            await wrapped.close()
            ended.add()
        }
    }
}

/// Records consumed by the scheduler, in order.
actor Collected {
    private(set) var records: [ConversationRecord] = []

    func add(_ record: ConversationRecord) { records.append(record) }
}
