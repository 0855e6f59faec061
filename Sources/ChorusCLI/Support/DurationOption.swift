import ArgumentParser

/// A span of time on the command line: a whole number and a unit, `90s`, `5m`, `12h`, `30d`
/// (`--every`, `--retention`, `--older-than`).
struct DurationOption: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    var seconds: Int64
    var text: String

    init?(argument: String) {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = argument.last, let scale = units[unit], let count = Int64(argument.dropLast()), count > 0,
            count <= Int64.max / scale / 1000
        else { return nil }
        seconds = count * scale
        text = argument
    }

    var duration: Duration { .seconds(seconds) }
    var description: String { text }

    static var defaultCompletionKind: CompletionKind { .default }
}
