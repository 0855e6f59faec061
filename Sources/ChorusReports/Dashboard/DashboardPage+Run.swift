import ChorusModel
import ChorusStore

extension DashboardPage {
    /// Links from a run's pages to the rest of the dashboard.
    static func runLinks(_ run: StoredRun) -> String {
        "<div class=\"page\"><p>"
            + [
                anchor("/run", [("name", run.name)], "Report"),
                anchor("/failures", [("run", run.name)], "Failure clusters"),
                anchor("/search", [("run", run.name)], "Search its conversations"),
                anchor(
                    "/trends", [("suite", run.suite), ("target", run.target.name)],
                    "Trends of \(run.suite) · \(run.target.name)"),
                anchor("/diff", [("b", run.name)], "Diff with another run"),
            ].joined(separator: " · ") + "</p></div>\n"
    }

    /// A run's page: the content of its `report.html`, from what the run stored.
    public static func run(_ report: RunReport, run: StoredRun) -> String {
        document(title: run.name, body: runLinks(run) + HTMLReporter().body(report))
    }

    /// A run's failure clusters, each with its example transcript, its replay command and a link
    /// to the conversations of its goal and outcome.
    public static func failures(_ report: RunReport, run: StoredRun) -> String {
        let reporter = HTMLReporter(maxTranscripts: 50)
        var body = runLinks(run) + "<main>\n<section id=\"failures\">\n" + reporter.clustersSection(report)
        let clusters = report.failures.clusters.prefix(reporter.maxTranscripts)
        if !clusters.isEmpty {
            body += "<h3>Find each cluster's conversations</h3>\n<ol>"
            for cluster in clusters {
                let sig = cluster.signature
                body +=
                    "<li>"
                    + anchor(
                        "/search",
                        [
                            ("run", run.name), ("goal", sig.goal), ("outcome", sig.outcome.rawValue),
                            ("failure", sig.dialogueFailure?.rawValue),
                        ],
                        "\(sig.goal) · \(sig.outcome.rawValue)\(sig.dialogueFailure.map { " · \($0.rawValue)" } ?? "")")
                    + "</li>"
            }
            body += "</ol>\n"
        }
        body += "</section>\n</main>\n"
        return document(title: "Failures · \(run.name)", body: body)
    }

    /// One stored conversation: its transcript and the command that replays it.
    public static func conversation(_ record: ConversationRecord, run: StoredRun) -> String {
        var body = runLinks(run) + "<main>\n<section>\n"
        body += "<h2>Conversation \(record.index)\(record.repeatIndex > 0 ? " (play \(record.repeatIndex))" : "") "
        body +=
            "<small>run \(h(run.name)) · <span class=\"outcome \(record.outcome.rawValue)\">\(record.outcome.rawValue)</span>"
        body += "</small></h2>\n"
        let replay = RunReport.replayCommand(for: run).replacingOccurrences(of: "{i}", with: "\(record.index)")
        body += "<p class=\"replay\">Replay: <code>\(h(replay))</code></p>\n"
        body += HTMLReporter(maxTranscriptTurns: 200).transcript(record, highlight: nil)
        body += "</section>\n</main>\n"
        return document(title: "Conversation \(record.index) · \(run.name)", body: body)
    }
}
