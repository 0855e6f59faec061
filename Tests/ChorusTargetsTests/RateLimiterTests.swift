import ChorusTargets
import ChorusTestSupport
import Testing

struct RateLimiterTests {
    @Test func spacesRequestsAtTheRate() async throws {
        let clock = TestClock(.skippingWaits)
        let limiter = RateLimiter(rate: 5, clock: clock)
        for _ in 0..<10 { try await limiter.acquire() }
        // The first goes at once; each later one waits its 0.2 s slot.
        #expect(clock.waits.count == 9)
        #expect(clock.waits.allSatisfy { $0 == .milliseconds(200) })
        #expect(clock.now == .milliseconds(1800))
    }

    @Test func concurrentCallersShareOneBucket() async throws {
        let clock = TestClock(.skippingWaits)
        let limiter = RateLimiter(rate: 10, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { try await limiter.acquire() } }
            try await group.waitForAll()
        }
        // Eight callers reserve eight distinct slots 0.1 s apart: 0 + 0.1 + … + 0.7 s of waiting
        // in all, however the clock advanced between reservations.
        #expect(clock.waits.count >= 7)
    }

    @Test func aRateLimitedTargetWaitsOnTheClock() async throws {
        let server = FaultServer { _, _ in .json(FaultTests.ok) }
        let clock = TestClock(.skippingWaits)
        try await server.run { port in
            let path = try FaultTests.rasa(port, extra: "rate_limit: 4\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: clock))
            _ = try await TargetTests.play(target, ["a", "b", "c"])
            await target.shutdown()
        }
        #expect(server.count("/webhooks/rest/webhook") == 3)
        #expect(clock.waits == [.milliseconds(250), .milliseconds(250)])
    }
}
