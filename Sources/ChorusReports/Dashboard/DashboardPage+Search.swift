import ChorusModel
import ChorusStore

extension DashboardPage {
    /// The search page: a form (a plain GET form, no script) over one run's conversations, and
    /// one page of results with a link to the next.
    public static func search(
        run: StoredRun?, runs: [StoredRun], query: ConversationQuery, page: ConversationPage?
    ) -> String {
        var body =
            "<div class=\"page\">\n<h1>Search conversations</h1>\n<form class=\"filters\" method=\"get\" action=\"/search\">\n"
        body += "<label>Run<select name=\"run\">"
        var choices = runs
        if let run, !choices.contains(where: { $0.name == run.name }) { choices.insert(run, at: 0) }
        for choice in choices {
            let selected = choice.name == run?.name ? " selected" : ""
            body +=
                "<option value=\"\(h(choice.name))\"\(selected)>\(h(choice.name)) · \(h(choice.target.name))</option>"
        }
        body += "</select></label>\n"
        body += "<label>Text<input type=\"search\" name=\"q\" value=\"\(h(query.text ?? ""))\"></label>\n"
        body += select("outcome", Outcome.allCases.map(\.rawValue), selected: query.outcome?.rawValue)
        body += "<label>Goal<input name=\"goal\" value=\"\(h(query.goal ?? ""))\"></label>\n"
        body += "<label>Persona<input name=\"persona\" value=\"\(h(query.persona ?? ""))\"></label>\n"
        body += "<label>Intent<input name=\"intent\" value=\"\(h(query.intent ?? ""))\"></label>\n"
        body += select(
            "failure", DialogueFailure.allCases.map(\.rawValue), selected: query.dialogueFailure?.rawValue,
            label: "Dialogue failure")
        body += "<button type=\"submit\">Search</button>\n</form>\n"
        guard let run, let page else {
            body += "<p class=\"muted\">No run to search.</p>\n"
            return document(title: "Search", body: body + "</div>\n")
        }
        let filters = searchQuery(run: run, query: query)
        if page.hits.isEmpty {
            body += "<p class=\"muted\" id=\"no-results\">No matching conversation"
            body += query.after == nil ? "" : " after conversation \(query.after?.index ?? 0)"
            body += " up to conversation \(page.examinedThrough).</p>\n"
        } else {
            body += "<table class=\"results\">\n<thead><tr><th>#</th><th>Outcome</th><th>Goal</th><th>Persona</th>"
            body += "<th>Language</th><th>Turns</th></tr></thead>\n<tbody>\n"
            for hit in page.hits {
                let label =
                    hit.position.repeatIndex == 0
                    ? "\(hit.position.index)" : "\(hit.position.index) (play \(hit.position.repeatIndex))"
                body += "<tr><td>\(anchor("/conversation", [("run", run.name), ("at", hit.position.text)], label))</td>"
                body += "<td><span class=\"outcome \(hit.outcome.rawValue)\">\(hit.outcome.rawValue)</span></td>"
                body += "<td>\(h(hit.goal))</td><td>\(h(hit.persona))</td><td>\(h(hit.language ?? ""))</td>"
                body += "<td class=\"num\">\(hit.turns)</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "<p class=\"pager\">"
        if query.after != nil { body += anchor("/search", filters, "first page") + " · " }
        if let next = page.next {
            let note = page.hits.count < query.limit ? "searched up to conversation \(page.examinedThrough); " : ""
            body += "\(h(note))" + anchor("/search", filters + [("after", next.text)], "next page")
        } else {
            body += "<span class=\"muted\">end of run</span>"
        }
        body += "</p>\n"
        return document(title: "Search · \(run.name)", body: body + "</div>\n")
    }

    /// The query string of a search, without its position.
    static func searchQuery(run: StoredRun, query: ConversationQuery) -> [(String, String?)] {
        [
            ("run", run.name), ("q", query.text), ("outcome", query.outcome?.rawValue), ("goal", query.goal),
            ("persona", query.persona), ("intent", query.intent), ("failure", query.dialogueFailure?.rawValue),
        ]
    }

    static func select(_ name: String, _ values: [String], selected: String?, label: String? = nil) -> String {
        var html =
            "<label>\(h(label ?? name.prefix(1).uppercased() + name.dropFirst()))<select name=\"\(name)\"><option value=\"\">any</option>"
        for value in values {
            html += "<option value=\"\(h(value))\"\(value == selected ? " selected" : "")>\(h(value))</option>"
        }
        return html + "</select></label>\n"
    }
}
