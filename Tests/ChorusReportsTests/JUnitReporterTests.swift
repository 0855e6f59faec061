import ChorusReports
import ChorusScoring
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct JUnitReporterTests {
    let reporter = JUnitReporter()

    func parse(_ report: RunReport) throws -> XMLElement {
        let document = try XMLDocument(xmlString: reporter.render(report), options: [])
        return try #require(document.rootElement())
    }

    func suite(_ root: XMLElement, _ name: String) throws -> XMLElement {
        try #require(root.elements(forName: "testsuite").first { $0.attribute(forName: "name")?.stringValue == name })
    }

    func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }

    @Test func suitesPerGoalAndGateWithCorrectCounts() throws {
        let root = try parse(ReportFixtures.report)
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(
            suites.map { attribute($0, "name") } == [
                "goal.hours", "goal.refund", "behaviour.closing", "behaviour.confirmation", "behaviour.correction",
                "behaviour.digression", "behaviour.plain", "dialogue", "gate",
            ])
        for suite in suites {
            let cases = suite.elements(forName: "testcase")
            #expect(attribute(suite, "tests") == String(cases.count))
            #expect(
                attribute(suite, "failures") == String(cases.filter { !$0.elements(forName: "failure").isEmpty }.count))
            #expect(attribute(suite, "errors") == "0")
            #expect(attribute(suite, "skipped") == "0")
        }
        // Goals and behaviours: completion; dialogue: one case per named failure; gate: 3 rules.
        // Clusters are not test cases.
        #expect(suites.map { attribute($0, "tests") } == ["1", "1", "1", "1", "1", "1", "1", "8", "3"])
        // With the baseline: refund's completion, the correction and plain behaviours' completion,
        // and correction_ignored's rate regressed.
        #expect(suites.map { attribute($0, "failures") } == ["0", "1", "0", "0", "1", "0", "1", "1", "2"])
        #expect(attribute(root, "tests") == "18")
        #expect(attribute(root, "failures") == "6")
    }

    @Test func gateRulesFailWithTheirNumbers() throws {
        let gate = try suite(try parse(ReportFixtures.report), "gate")
        let cases = gate.elements(forName: "testcase")
        #expect(
            cases.map { attribute($0, "name") } == [
                "completion_rate.min", "completion_rate.max_drop", "fallback_rate.max",
            ])
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(attribute(failure, "message") == ReportFixtures.verdict.checks[1].detail)
        #expect(attribute(failure, "type") == "max_drop")
        #expect(cases[0].elements(forName: "failure").isEmpty)
        #expect(cases[0].elements(forName: "system-out").first?.stringValue == "completion_rate 50.0 % ≥ min 40.0 %")
    }

    @Test func goalCompletionFailsOnlyOnASignificantDrop() throws {
        let root = try parse(ReportFixtures.report)
        // refund: 38/40 → 2/4 is a significant drop beyond the 5 pp tolerance.
        let refund = try #require(try suite(root, "goal.refund").elements(forName: "testcase").first)
        #expect(attribute(refund, "name") == "completion")
        let failure = try #require(refund.elements(forName: "failure").first)
        #expect(attribute(failure, "type") == "regression")
        #expect(
            attribute(failure, "message")?.hasPrefix(
                "completion of goal refund went from 95.0 % (38/40) to 50.0 % (2/4): -45.0 pp [") == true)
        // hours: 3/4 → 2/4 is not significant.
        let hours = try #require(try suite(root, "goal.hours").elements(forName: "testcase").first)
        #expect(hours.elements(forName: "failure").isEmpty)
        // Without a baseline nothing fails but the gate, and without a gate that is skipped.
        let plain = try parse(ReportFixtures.plainReport)
        #expect(attribute(plain, "failures") == "0")
        #expect(attribute(plain, "skipped") == "1")
        let skipped = try suite(plain, "gate")
        #expect(skipped.elements(forName: "testcase").first?.elements(forName: "skipped").count == 1)
    }

    @Test func clustersAreListedInTheGoalsOutputWithTranscriptAndReplay() throws {
        let refund = try suite(try parse(ReportFixtures.report), "goal.refund")
        let cases = refund.elements(forName: "testcase")
        #expect(cases.map { attribute($0, "name") } == ["completion"])
        let output = try #require(cases[0].elements(forName: "system-out").first?.stringValue)
        #expect(output.contains("failure cluster, 2 conversations: \(ReportFixtures.signatureAbandoned.key)"))
        #expect(
            output.contains(
                "replay: chorus replay Scenarios/acme --target Fixtures/targets/acme-v2.yaml --conversation 1"))
        #expect(output.contains("2. user: REFUND my <order>"))
    }

    /// CI keeps a test's history by its name: the names must not change when the counts do.
    @Test func testCaseNamesAreStableBetweenRuns() throws {
        func names(_ report: RunReport) throws -> [String] {
            try parse(report).elements(forName: "testsuite").flatMap { suite in
                suite.elements(forName: "testcase").map {
                    "\(attribute(suite, "name") ?? "")/\(attribute($0, "name") ?? "")"
                }
            }
        }
        var other = ReportFixtures.report
        other.failures.clusters[0].count = 37
        other.failures.clusters.swapAt(0, 2)
        other.summary.goals["refund"]?.completed += 11
        #expect(try names(other) == names(ReportFixtures.report))
        #expect(
            try names(ReportFixtures.report).allSatisfy { name in !name.contains { $0.isNumber } && !name.contains("%")
            })
    }

    @Test func hostileTextStaysWellFormed() throws {
        let root = try parse(ReportFixtures.hostileReport)
        let goal = try #require(root.elements(forName: "testsuite").first)
        #expect(attribute(goal, "name") == "goal.<img src=x onerror=alert('goal')>")
        let gateFailure = try #require(
            try suite(root, "gate").elements(forName: "testcase").first?.elements(forName: "failure").first)
        #expect(attribute(gateFailure, "message") == ReportFixtures.hostile.joined(separator: " "))
    }

    @Test func controlCharactersDoNotBreakTheFile() throws {
        var report = ReportFixtures.report
        report.failures.clusters[0].example.turns[0].bot = ["bell \u{07} and null \u{00}"]
        _ = try parse(report)
    }
}
