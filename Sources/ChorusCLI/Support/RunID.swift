import Foundation

/// Names a run: `<suite>-<UTC date and time>-<8 hex digits>`, sortable and unique enough for
/// one machine's runs folder.
enum RunID {
    static func make(suite: String, now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        let suffix = String(format: "%08x", UInt32.random(in: 0...UInt32.max))
        return "\(suite)-\(stamp)-\(suffix)"
    }
}
