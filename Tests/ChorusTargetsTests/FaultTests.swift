import ChorusModel
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// Every failure is classified, and retried only where that is safe; retries are counted at the
/// server, and back-off and deadlines run on a test clock, so no test sleeps and no outcome
/// depends on how busy the machine is.
/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct FaultTests {
    static let ok = #"[{"recipient_id": "c-1", "text": "Hi!"}]"#

    /// A rasa target file.
    static func rasa(_ port: Int, extra: String = "") throws -> String {
        try TargetTests.write("rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\n\(extra)")
    }

    /// Sends one message; returns the error, if any.
    static func send(_ path: String, clock: TestClock) async throws -> TargetError? {
        let target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: 2, clock: clock))
        var failure: TargetError?
        do {
            _ = try await TargetTests.play(target, ["hello"])
        } catch let error as TargetError {
            failure = error
        }
        await target.shutdown()
        return failure
    }

    @Test func an500IsAnHTTPStatusErrorAndNotRetried() async throws {
        let server = FaultServer { _, _ in .status(500) }
        let clock = TestClock(.skippingWaits)
        let error = try await server.run { port in try await Self.send(Self.rasa(port), clock: clock) }
        #expect(error == TargetError(.httpStatus, "webhook: HTTP 500 Internal Server Error"))
        #expect(server.count("/webhooks/rest/webhook") == 1)
        #expect(clock.waits.isEmpty)
    }

    @Test func a503WithRetryAfterIsRetriedUpToTheLimitWaitingAsTold() async throws {
        let server = FaultServer { _, _ in .status(503, retryAfter: 2) }
        let clock = TestClock(.skippingWaits)
        let error = try await server.run { port in
            try await Self.send(Self.rasa(port, extra: "retries: 3\n"), clock: clock)
        }
        #expect(error?.kind == .httpStatus)
        #expect(error?.detail == "webhook: HTTP 503 Service Unavailable")
        #expect(server.count("/webhooks/rest/webhook") == 4)
        #expect(clock.waits == [.seconds(2), .seconds(2), .seconds(2)])
    }

    @Test func a429ThenSuccessIsAReply() async throws {
        let server = FaultServer { _, count in count < 2 ? .status(429, retryAfter: 1) : .json(Self.ok) }
        let clock = TestClock(.skippingWaits)
        let error = try await server.run { port in try await Self.send(Self.rasa(port), clock: clock) }
        #expect(error == nil)
        #expect(server.count("/webhooks/rest/webhook") == 3)
        #expect(clock.waits == [.seconds(1), .seconds(1)])
    }

    @Test func aRetryAfterLongerThanTheTurnIsNotWaitedFor() async throws {
        let server = FaultServer { _, _ in .status(429, retryAfter: 60) }
        let clock = TestClock(.skippingWaits)
        let error = try await server.run { port in
            try await Self.send(Self.rasa(port, extra: "timeout: 5\n"), clock: clock)
        }
        #expect(error?.kind == .httpStatus)
        #expect(server.count("/webhooks/rest/webhook") == 1)
        #expect(clock.waits.isEmpty)
    }

    @Test func aStallPastTheTimeoutIsATimeout() async throws {
        let server = FaultServer { _, _ in .stall }
        let clock = TestClock()
        let error = try await server.run { port in
            let path = try Self.rasa(port, extra: "timeout: 1\n")
            let sent = Task { try await Self.send(path, clock: clock) }
            // The request is at the server (its deadline set) before the clock moves.
            await server.requestsArrived(1)
            clock.advance(by: .seconds(1))
            return try await sent.value
        }
        #expect(error == TargetError(.timeout, "webhook: no reply within the timeout"))
        // Never retried.
        #expect(server.count("/webhooks/rest/webhook") == 1)
    }

    @Test func aBodyThatIsNotJSONIsAMalformedReply() async throws {
        let server = FaultServer { _, _ in .malformed }
        let error = try await server.run { port in
            try await Self.send(Self.rasa(port), clock: TestClock(.skippingWaits))
        }
        #expect(error?.kind == .malformedReply)
        #expect(error?.detail.hasPrefix("webhook: the response is not JSON") == true)
    }

    @Test func jsonOfTheWrongShapeIsAMalformedReply() async throws {
        let server = FaultServer { _, _ in .json(#"{"text": "not a list"}"#) }
        let error = try await server.run { port in
            try await Self.send(Self.rasa(port), clock: TestClock(.skippingWaits))
        }
        #expect(error == TargetError(.malformedReply, "webhook: expected a list of messages"))
    }

    @Test func aDroppedConnectionIsAConnectionErrorAndNotRetried() async throws {
        let server = DroppingServer()
        let clock = TestClock(.skippingWaits)
        let error = try await server.run { port in try await Self.send(Self.rasa(port), clock: clock) }
        #expect(error?.kind == .connection)
        #expect(server.count == 1, "a request that reached the bot must not be sent again")
        #expect(clock.waits.isEmpty)
    }

    @Test func aRefusedConnectionIsRetriedWithBackoffThenAConnectionError() async throws {
        // A port held bound but never listened on: connections to it are refused.
        let clock = TestClock(.skippingWaits)
        let error = try await FreePort.refusing { port in
            try await Self.send(Self.rasa(port, extra: "retries: 3\n"), clock: clock)
        }
        #expect(error == TargetError(.connection, "webhook: connection refused"))
        let waits = clock.waits
        #expect(waits.count == 3)
        // Exponential back-off with jitter: retry n waits between half and all of 0.2 s · 2^n.
        for (attempt, wait) in waits.enumerated() {
            let full = Duration.milliseconds(200 * (1 << attempt))
            #expect(wait >= full / 2 && wait <= full)
        }
    }

    @Test func anHTTPTargetMapsMissingOrWrongTypedPartsToMalformedReplies() async throws {
        let server = FaultServer { request, _ in
            request.body.contains("typo")
                ? .json(#"{"messages": [{"text": 3}]}"#)
                : .json(#"{"messages": [], "nlu": {"intent": {"confidence": "high"}}}"#)
        }
        try await server.run { port in
            let path = try TargetTests.write(
                "http.yaml",
                """
                kind: http
                url: http://127.0.0.1:\(port)/chat
                body: '{"q": "{text}"}'
                response:
                  texts: $.messages[*].text
                  confidence: $.nlu.intent.confidence
                """)
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: TestClock()))
            let first = await #expect(throws: TargetError.self) { try await TargetTests.play(target, ["typo"]) }
            #expect(first == TargetError(.malformedReply, "$.messages[*].text selects a value that is not text"))
            let second = await #expect(throws: TargetError.self) { try await TargetTests.play(target, ["fine"]) }
            #expect(second == TargetError(.malformedReply, "$.nlu.intent.confidence is not a number"))
            await target.shutdown()
        }
    }
}
