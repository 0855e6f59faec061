import ChorusModel
import ChorusScoring
import Foundation

/// Writes `junit.xml` for CI test reporters (Jenkins, GitLab, GitHub test-report actions).
///
/// One `<testsuite>` per goal, named `goal.<name>`, with one `completion` test case that fails when
/// the goal's completion rate fell significantly against the baseline (the 95% interval of the
/// drop excludes zero and the drop exceeds the completion tolerance of the diff) and never fails
/// without a baseline; its `<system-out>` has the goal's outcomes and its failure clusters (count,
/// signature, replay command, example transcript). Then `<testsuite name="gate">`, one test case
/// per gate rule failing with the rule's numbers; one skipped case when the suite has no gate, or
/// when the run was not judged (a partial run or a shard), saying which.
///
/// Test-case names are stable between runs (`completion`, `completion_rate.max_drop`): CI keeps a
/// test's history by its name, so no name carries a count, a rank or a percentage.
/// No timestamps, host names or durations, so the same report renders to the same bytes.
public struct JUnitReporter: RunReporter {
    public static let identifier = "junit"
    public static let fileExtension = "xml"
    public static let fileName = "junit.xml"

    /// The most failure clusters listed per goal (the rest are counted).
    public var maxClustersPerGoal: Int
    /// The most turns of an example transcript.
    public var maxTranscriptTurns: Int

    public init(maxClustersPerGoal: Int = 10, maxTranscriptTurns: Int = 30) {
        self.maxClustersPerGoal = maxClustersPerGoal
        self.maxTranscriptTurns = maxTranscriptTurns
    }

    public func render(_ report: RunReport) -> String {
        let suiteName = report.summary.suite
        var suites = ReportFormat.goalNames(report).map { goalSuite($0, report) }
        if ReportFormat.hasDialogue(report.summary) {
            suites += report.summary.behaviours.keys.sorted().map { behaviourSuite($0, report) }
            suites.append(dialogueSuite(report))
        }
        suites.append(gateSuite(report))
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let skipped = suites.reduce(0) { $0 + $1.skipped }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"\(Escaping.xml("chorus \(suiteName)"))\" tests=\"\(tests)\" failures=\"\(failures)\" "
        xml += "errors=\"0\" skipped=\"\(skipped)\">\n"
        for suite in suites { xml += suite.render(classPrefix: "chorus.\(suiteName)") }
        xml += "</testsuites>\n"
        return xml
    }

    // MARK: - Goals

    private func goalSuite(_ goal: String, _ report: RunReport) -> JUnitSuite {
        var suite = JUnitSuite(name: "goal.\(goal)")
        let counts = report.summary.goals[goal] ?? report.diff?.goals[goal]?.current ?? OutcomeCounts()
        var completion = completionCase("goal \(goal)", counts: counts, shift: report.diff?.goals[goal], report)
        let clusters = report.failures.clusters.filter { $0.signature.goal == goal }
        for cluster in clusters.prefix(maxClustersPerGoal) {
            completion.output +=
                "\n\nfailure cluster, \(ReportFormat.count(cluster.count, "conversation")): \(cluster.signature.key)"
                + "\nreplay: \(report.replay(cluster.example.index))\n" + transcript(cluster.example)
        }
        if clusters.count > maxClustersPerGoal {
            completion.output +=
                "\n\n… \(clusters.count - maxClustersPerGoal) more failure clusters of this goal (see report.html)"
        }
        suite.cases.append(completion)
        return suite
    }

    /// The `completion` case of a goal or a behaviour: its outcomes, and — with a baseline — a
    /// failure when its completion fell significantly (the 95% interval of the drop excludes zero)
    /// by more than the completion tolerance of the diff.
    private func completionCase(_ what: String, counts: OutcomeCounts, shift: OutcomeShift?, _ report: RunReport)
        -> JUnitCase
    {
        var completion = JUnitCase(name: "completion")
        completion.output =
            "completed \(counts.completed) of \(counts.judged): "
            + Outcome.allCases.map { "\($0.rawValue) \(counts[$0])" }.joined(separator: ", ")
        guard let shift else { return completion }
        let tolerance = report.diff?.metrics.first { $0.name == "completion_rate" }?.tolerance ?? 0
        completion.output += "\nbaseline: completed \(shift.baseline.completed) of \(shift.baseline.judged)"
        guard let change = shift.completionChange else { return completion }
        let text =
            "completion of \(what) went from \(Figures.rate(change.baseline)) "
            + "(\(shift.baseline.completed)/\(shift.baseline.judged)) to \(Figures.rate(change.current)) "
            + "(\(shift.current.completed)/\(shift.current.judged)): \(Figures.points(change.delta)) "
            + "\(Figures.interval(change.low, change.high, signed: true)), "
            + "tolerance \(Figures.tolerance(of: "completion_rate", tolerance))"
        completion.output += "\n" + text
        if change.high < 0 && -change.delta > tolerance {
            completion.failure = JUnitFailure(message: text, type: "regression", body: text)
        }
        return completion
    }

    // MARK: - Dialogue

    /// `behaviour.<name>`: the completion of the conversations with that behaviour (`plain`: none).
    private func behaviourSuite(_ behaviour: String, _ report: RunReport) -> JUnitSuite {
        var suite = JUnitSuite(name: "behaviour.\(behaviour)")
        let counts = report.summary.behaviours[behaviour] ?? OutcomeCounts()
        suite.cases.append(
            completionCase(
                "conversations with \(behaviour)", counts: counts, shift: report.diff?.behaviours[behaviour], report))
        return suite
    }

    /// `dialogue`: one case per named dialogue failure, with its conversations, rate, turns and
    /// the behaviours it hit, failing when its rate regressed against the baseline.
    private func dialogueSuite(_ report: RunReport) -> JUnitSuite {
        var suite = JUnitSuite(name: "dialogue")
        for failure in DialogueFailure.allCases {
            var testCase = JUnitCase(name: failure.rawValue)
            let figures = report.summary.dialogueFailures[failure.rawValue]
            let conversations = figures?.conversations ?? 0
            testCase.output =
                "\(ReportFormat.count(conversations, "conversation"))"
                + (figures?.rate.map { " (\(Figures.rate($0.value)) \(ReportFormat.interval($0)))" } ?? "")
                + ", \(ReportFormat.count(figures?.occurrences ?? 0, "turn"))"
            if let figures, !figures.behaviours.isEmpty {
                testCase.output += "; behaviours hit: " + ReportFormat.behavioursHit(figures.behaviours)
            }
            if let delta = report.diff?.delta(named: failure.rawValue + "_rate") {
                let text =
                    "\(failure.rawValue) rate went from \(Figures.rate(delta.baseline)) to \(Figures.rate(delta.current)): "
                    + "\(ReportFormat.change(delta)), tolerance \(Figures.tolerance(of: delta.name, delta.tolerance))"
                testCase.output += "\n" + text
                if delta.regression { testCase.failure = JUnitFailure(message: text, type: "regression", body: text) }
            }
            suite.cases.append(testCase)
        }
        return suite
    }

    private func transcript(_ record: ConversationRecord) -> String {
        var lines = [
            "conversation \(record.index) · persona \(record.persona) · goal \(record.goal) · \(record.outcome.rawValue)"
        ]
        for (number, turn) in record.turns.prefix(maxTranscriptTurns).enumerated() {
            var intent = ""
            if turn.expectedIntent != nil || turn.predictedIntent != nil {
                intent = " [\(turn.expectedIntent ?? "?") → \(turn.predictedIntent ?? "?")]"
            }
            let marks = ReportFormat.marks(turn)
            lines.append("\(number + 1). user\(ReportFormat.act(turn).map { " (\($0))" } ?? ""): \(turn.user)")
            lines.append(
                "   bot: \(ReportFormat.botText(turn))\(intent)\(marks.isEmpty ? "" : " {\(marks.joined(separator: ", "))}")"
            )
        }
        if record.turns.count > maxTranscriptTurns {
            lines.append("… \(record.turns.count - maxTranscriptTurns) more turns")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Gate

    private func gateSuite(_ report: RunReport) -> JUnitSuite {
        var suite = JUnitSuite(name: "gate")
        suite.output = "run \(report.runName) · \(report.status.line(conversations: report.summary.conversations))"
        guard let verdict = report.verdict else {
            var testCase = JUnitCase(name: "gate")
            testCase.skipped =
                report.status.isJudged
                ? "the suite defines no release gate"
                : "not judged: \(report.status.line(conversations: report.summary.conversations))"
            suite.cases.append(testCase)
            return suite
        }
        for check in verdict.checks {
            var testCase = JUnitCase(name: check.name)
            if !check.evaluated {
                testCase.skipped = check.detail
            } else if check.passed {
                testCase.output = check.detail
            } else {
                testCase.failure = JUnitFailure(message: check.detail, type: check.kind.rawValue, body: check.detail)
            }
            suite.cases.append(testCase)
        }
        return suite
    }
}

/// One `<testsuite>` being assembled.
private struct JUnitSuite {
    var name: String
    var cases: [JUnitCase] = []
    /// Suite-level `<system-out>`, when there is something to say.
    var output: String?

    var failures: Int { cases.filter { $0.failure != nil }.count }
    var skipped: Int { cases.filter { $0.skipped != nil }.count }

    func render(classPrefix: String) -> String {
        var xml = "  <testsuite name=\"\(Escaping.xml(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\" "
        xml += "errors=\"0\" skipped=\"\(skipped)\">\n"
        for testCase in cases { xml += testCase.render(className: "\(classPrefix).\(name)") }
        if let output { xml += "    <system-out>\(Escaping.xmlText(output))</system-out>\n" }
        xml += "  </testsuite>\n"
        return xml
    }
}

/// One `<testcase>`.
private struct JUnitCase {
    var name: String
    var failure: JUnitFailure?
    var skipped: String?
    var output = ""

    func render(className: String) -> String {
        var xml = "    <testcase classname=\"\(Escaping.xml(className))\" name=\"\(Escaping.xml(name))\""
        guard failure != nil || skipped != nil || !output.isEmpty else { return xml + "/>\n" }
        xml += ">\n"
        if let failure {
            xml += "      <failure message=\"\(Escaping.xml(failure.message))\" type=\"\(Escaping.xml(failure.type))\">"
            xml += Escaping.xmlText(failure.body) + "</failure>\n"
        }
        if let skipped { xml += "      <skipped message=\"\(Escaping.xml(skipped))\"/>\n" }
        if !output.isEmpty { xml += "      <system-out>\(Escaping.xmlText(output))</system-out>\n" }
        xml += "    </testcase>\n"
        return xml
    }
}

private struct JUnitFailure {
    var message: String
    var type: String
    var body: String
}
