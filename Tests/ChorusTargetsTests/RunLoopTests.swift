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
/// every conversation, and classifies every error.
@Suite struct RunLoopTests {
    @Test func aRunAgainstAFaultyServerRecordsEveryConversationAndClassifiesErrors() async throws {
        let loaded = try SuiteLoader.load(path: Fixtures.path("Scenarios/customer-service"))
        let suite = try CompiledSuite(loaded.suite)
        // The conversation id's number picks the fault, so the result does not depend on timing.
        let server = FaultServer { request, _ in
            let sender =
                (try? JSONDecoder().decode([String: String].self, from: Data(request.body.utf8)))?["sender"] ?? ""
            let index = Int(sender.split(separator: "-").last ?? "") ?? 0
            switch index % 10 {
            case 1: return .status(500)
            case 2: return .malformed
            case 3: return .status(503, retryAfter: 1)
            case 4: return .stall
            default:
                return .json(
                    #"[{"recipient_id": "x", "text": "Sorry, I didn't understand that. Could you rephrase?"}]"#)
            }
        }
        let clock = RecordingClock()
        let records = try await server.run { port in
            let path = try TargetTests.write(
                "rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\ntimeout: 5\nretries: 1\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: 8, clock: clock))
            let driver = ConversationDriver(suite: suite, seed: 7, target: target, runTag: "faulty")
            let collected = Collected()
            try await RunScheduler(concurrency: 8).run(0..<40, driver: driver) { record in await collected.add(record) }
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

/// Records consumed by the scheduler, in order.
actor Collected {
    private(set) var records: [ConversationRecord] = []

    func add(_ record: ConversationRecord) { records.append(record) }
}
