import ChorusScoring

/// The lines that describe a run with `--repeat k`: pass^k and pass@k for each k with their
/// bootstrap intervals, the flaky share, pass^k by goal, and the first flaky conversations with
/// the commands that replay a passing and a failing play. Plain text; the printed summary shows
/// it as is and report.md in a code block.
public enum RepeatSection {
    /// The most flaky conversations listed.
    public static let listed = 10

    public static func lines(_ report: RunReport) -> [String] {
        guard let r = report.summary.repeats else { return [] }
        var lines = [
            "Repeats: \(r.plays) plays of each of \(r.conversations) conversations (a play passes when it completed)"
        ]
        for (hat, at) in zip(r.passHat, r.passAt) {
            lines.append(
                "  k=\(hat.k)  pass^k \(Figures.rate(hat.value)) \(Figures.interval(hat.low, hat.high))"
                    + "   pass@k \(Figures.rate(at.value)) \(Figures.interval(at.low, at.high))")
        }
        lines.append(
            "  flaky: \(r.flakyRate.successes) of \(r.conversations) conversations, \(Figures.rate(r.flakyRate.value)) "
                + Figures.interval(r.flakyRate.low, r.flakyRate.high))
        for (goal, figures) in r.goals.sorted(by: { $0.key < $1.key }) {
            guard let last = figures.passHat.last else { continue }
            lines.append(
                "  goal \(goal): pass^\(last.k) \(Figures.rate(last.value)) \(Figures.interval(last.low, last.high)), "
                    + "flaky \(figures.flaky) of \(figures.conversations)")
        }
        if !r.flaky.isEmpty {
            lines.append("Flaky conversations (passed some plays, failed others):")
            for flaky in r.flaky.prefix(listed) {
                lines.append("  #\(flaky.index) \(flaky.goal): passed \(flaky.passed) of \(flaky.plays)")
                lines.append("    pass: \(report.replay(flaky.index)) --repeat \(flaky.passingRepeat)")
                lines.append("    fail: \(report.replay(flaky.index)) --repeat \(flaky.failingRepeat)")
            }
            let more = r.flakyRate.successes - min(listed, r.flaky.count)
            if more > 0 { lines.append("  … \(more) more") }
        }
        return lines
    }
}
