/// A daily window, `22:00-07:00`, in which notifications wait: they are kept (in the database)
/// and sent when the window ends, unless the alert resolved meanwhile.
public struct QuietHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after midnight, local time; `start > end` wraps past midnight.
    public let start: Int
    public let end: Int

    /// Parses `HH:MM-HH:MM`; nil when it is not that.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end
        else {
            return nil
        }
        self.start = start
        self.end = end
    }

    private static func minutes(_ text: Substring) -> Int? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, fields.allSatisfy({ $0.count == 2 }), let hour = Int(fields[0]),
            let minute = Int(fields[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// Whether `minuteOfDay` (0…1439) is inside the window.
    public func contains(minuteOfDay: Int) -> Bool {
        start < end ? (start..<end).contains(minuteOfDay) : minuteOfDay >= start || minuteOfDay < end
    }

    public var description: String {
        func format(_ minutes: Int) -> String {
            let hour = minutes / 60
            let minute = minutes % 60
            return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        }
        return "\(format(start))-\(format(end))"
    }
}
