import ChorusWatch
import Testing

/// The alert fires once after N failing ticks in a row, recovers once, and never repeats.
struct AlertStateMachineTests {
    @Test func firesAfterNFailingTicksAndRecoversOnce() {
        var machine = AlertStateMachine(failingAfter: 3)
        let verdicts: [TickResult.Verdict] = [
            .fail, .down, .pass, .fail, .fail, .down, .down, .fail, .pass, .pass, .fail,
        ]
        let events = verdicts.map { machine.record($0) }
        #expect(events == [nil, nil, nil, nil, nil, .failing, nil, nil, .recovered, nil, nil])
        #expect(machine.state == .ok)
        #expect(machine.consecutiveFailures == 1)
    }

    @Test func recoveredGoesBackToOkOrFailsAgainAfterN() {
        var machine = AlertStateMachine(failingAfter: 1)
        #expect(machine.record(.down) == .failing)
        #expect(machine.record(.pass) == .recovered)
        #expect(machine.state == .recovered)
        #expect(machine.record(.fail) == .failing)
    }

    @Test func resumesFromAStoredState() {
        var machine = AlertStateMachine(failingAfter: 3, state: .ok, consecutiveFailures: 2)
        #expect(machine.record(.fail) == .failing)
    }
}

struct QuietHoursTests {
    @Test func wrapsPastMidnight() throws {
        let quiet = try #require(QuietHours("22:00-07:00"))
        #expect(quiet.contains(minuteOfDay: 23 * 60))
        #expect(quiet.contains(minuteOfDay: 6 * 60 + 59))
        #expect(!quiet.contains(minuteOfDay: 7 * 60))
        #expect(!quiet.contains(minuteOfDay: 12 * 60))
        #expect(quiet.description == "22:00-07:00")
    }

    @Test func withinOneDay() throws {
        let quiet = try #require(QuietHours("12:30-13:00"))
        #expect(quiet.contains(minuteOfDay: 12 * 60 + 45))
        #expect(!quiet.contains(minuteOfDay: 13 * 60))
    }

    @Test(arguments: ["22-07", "25:00-07:00", "22:00", "22:00-22:00", "7:00-08:00"])
    func rejectsMalformed(_ text: String) {
        #expect(QuietHours(text) == nil)
    }
}

struct AlertNotificationTests {
    @Test func alertmanagerShape() throws {
        let notification = AlertNotification(
            event: .failing, suite: "acme", target: "acme-live", reason: "2 failing ticks in a row: bot down",
            run: "acme-1",
            startsAt: "2026-01-01T00:00:00Z", endsAt: nil)
        let body = notification.body(.alertmanager)
        #expect(body.contains(#""version":"4""#))
        #expect(body.contains(#""status":"firing""#))
        #expect(body.contains(#""alertname":"ChorusWatchFailing""#))
        #expect(body.contains(#""run":"acme-1""#))
        #expect(body.contains(#""endsAt":"0001-01-01T00:00:00Z""#))
        let plain = notification.body(.json)
        #expect(plain.contains(#""event":"failing""#))
        #expect(plain.contains(#""reason":"2 failing ticks in a row: bot down""#))
    }
}
