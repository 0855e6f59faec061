import ChorusStore

extension DashboardPage {
    /// The diff of two runs: a form to choose them, then B judged against A (with the paired
    /// comparison and flipped conversations when the runs are paired), as `chorus diff` reports it.
    public static func diff(a: StoredRun?, b: StoredRun?, runs: [StoredRun], report: RunReport?) -> String {
        var body =
            "<div class=\"page\">\n<h1>Diff of two runs</h1>\n<form class=\"filters\" method=\"get\" action=\"/diff\">\n"
        for (name, label, chosen) in [("a", "A (reference)", a), ("b", "B", b)] {
            var choices = runs
            if let chosen, !choices.contains(where: { $0.name == chosen.name }) { choices.insert(chosen, at: 0) }
            body += "<label>\(label)<select name=\"\(name)\">"
            for choice in choices {
                body += "<option value=\"\(h(choice.name))\"\(choice.name == chosen?.name ? " selected" : "")>"
                body += "\(h(choice.name)) · \(h(choice.target.name))</option>"
            }
            body += "</select></label>\n"
        }
        body += "<button type=\"submit\">Compare</button>\n</form>\n"
        guard let a, let b, let report else {
            return document(title: "Diff", body: body + "<p class=\"muted\">Choose two runs.</p>\n</div>\n")
        }
        body += "<p>A \(runLink(a)) (\(h(a.target.name))) · B \(runLink(b)) (\(h(b.target.name))) · "
        body +=
            RunReport.arePaired(a, b)
            ? "paired: same suite, seed and shard"
            : "<span class=\"muted\">not paired: the runs differ in seed, suite or shard</span>"
        body += "</p>\n</div>\n"
        return document(title: "\(a.name) vs \(b.name)", body: body + HTMLReporter().body(report))
    }
}
