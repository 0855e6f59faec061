import ChorusModel
import ChorusScoring

/// The HTML report's conversation views: failure clusters with their example transcripts, and the
/// paired comparison's flipped conversations side by side. Every user and bot text is escaped.
extension HTMLReporter {
    func clustersSection(_ report: RunReport) -> String {
        let failures = report.failures
        var html = "<h2>Failure clusters <small>\(failures.failingConversations) failing conversations in "
        html += "\(failures.clusters.count) clusters, largest first</small></h2>\n"
        guard !failures.clusters.isEmpty else { return html + "<p class=\"muted\">No failure clusters.</p>\n" }
        let new = Set(report.diff?.newFailureClusters ?? [])
        let budget = html.utf8.count + maxTranscriptBytes
        var shown = 0
        for (rank, cluster) in failures.clusters.prefix(maxTranscripts).enumerated() {
            guard html.utf8.count < budget else { break }
            shown += 1
            let sig = cluster.signature
            // The largest clusters are open, so a screenshot or a print shows their transcripts.
            html += "<details class=\"cluster\"\(rank < 5 ? " open" : "")><summary>"
            html += "<span class=\"rank\">#\(rank + 1)</span> <span class=\"count\">\(cluster.count)</span> "
            html +=
                "<b>\(h(sig.goal))</b> · <span class=\"outcome \(sig.outcome.rawValue)\">\(sig.outcome.rawValue)</span>"
            html += " · turn \(sig.turn)"
            if let failure = sig.dialogueFailure { html += " · <span class=\"badge bad\">\(failure.rawValue)</span>" }
            html +=
                " · <span class=\"intent\">\(h(sig.expectedIntent ?? "?")) → \(h(sig.predictedIntent ?? "?"))</span>"
            if new.contains(sig.key) { html += " <span class=\"badge new\">new</span>" }
            html += "</summary>\n"
            html +=
                sig.reply.isEmpty
                ? "<p class=\"signature muted\">No bot reply.</p>\n"
                : "<p class=\"signature\">Bot: <q>\(h(sig.reply))</q></p>\n"
            html +=
                "<p class=\"replay\">Replay conversation \(cluster.example.index): <code>\(h(report.replay(cluster.example.index)))</code></p>\n"
            html += transcript(cluster.example, highlight: sig.turn)
            html += "</details>\n"
        }
        return html + more(failures.clusters.count - shown, "clusters")
    }

    func comparisonSection(_ c: PairedComparison) -> String {
        var html = "<h2>Paired comparison <small>the same synthetic users against A and B</small></h2>\n"
        html += "<div class=\"ab\"><p><span class=\"tag a\">A</span> <b>\(h(c.a.name))</b> <span class=\"muted\">"
        html += "\(h(c.a.kind))\(c.a.detail.isEmpty ? "" : " · " + h(c.a.detail))</span><br>"
        html += "<span class=\"tag b\">B</span> <b>\(h(c.b.name))</b> <span class=\"muted\">"
        html += "\(h(c.b.kind))\(c.b.detail.isEmpty ? "" : " · " + h(c.b.detail))</span></p>\n"
        let worse = c.high < 0
        html +=
            "<p>\(c.pairs) pairs · completion B − A <b class=\"\(worse ? "bad-text" : c.low > 0 ? "good-text" : "")\">"
        html +=
            "\(Figures.points(c.delta))</b> \(Figures.interval(c.low, c.high, signed: true)) · McNemar p = <b>\(h(Figures.pValue(c.mcnemarP)))</b></p></div>\n"
        html +=
            "<table class=\"pairs\">\n<thead><tr><th></th><th>B completed</th><th>B not completed</th></tr></thead>\n<tbody>\n"
        html +=
            "<tr><th>A completed</th><td class=\"num\">\(c.bothPassed)</td><td class=\"num flip\">\(c.onlyAPassed)</td></tr>\n"
        html +=
            "<tr><th>A not completed</th><td class=\"num flip\">\(c.onlyBPassed)</td><td class=\"num\">\(c.bothFailed)</td></tr>\n"
        html += "</tbody></table>\n"
        guard !c.flips.isEmpty else { return html + "<p class=\"muted\">No conversation flipped.</p>\n" }
        html += "<h3>Flipped conversations <small>\(c.flips.count)</small></h3>\n"
        let budget = html.utf8.count + maxTranscriptBytes
        var shown = 0
        for (position, flip) in c.flips.prefix(maxTranscripts).enumerated() {
            guard html.utf8.count < budget else { break }
            shown += 1
            html +=
                "<details class=\"flip\"\(position < 3 ? " open" : "")><summary><span class=\"rank\">#\(flip.index)</span> "
            html +=
                "<b>\(h(flip.a.goal))</b> · \(h(flip.a.persona)) · A <span class=\"outcome \(flip.a.outcome.rawValue)\">"
            html += "\(flip.a.outcome.rawValue)</span> → B <span class=\"outcome \(flip.b.outcome.rawValue)\">"
            html += "\(flip.b.outcome.rawValue)</span></summary>\n<div class=\"sides\">\n"
            for (tag, name, record, replay) in [
                ("a", c.a.name, flip.a, flip.replayA), ("b", c.b.name, flip.b, flip.replayB),
            ] {
                html += "<div class=\"side\"><h4><span class=\"tag \(tag)\">\(tag.uppercased())</span> \(h(name)) · "
                html += "<span class=\"outcome \(record.outcome.rawValue)\">\(record.outcome.rawValue)</span></h4>\n"
                html += transcript(record, highlight: nil)
                html += "<p class=\"replay\"><code>\(h(replay))</code></p></div>\n"
            }
            html += "</div></details>\n"
        }
        return html + more(c.flips.count - shown, "flipped conversations")
    }

    /// A conversation as chat turns: the user's act and message, the bot's reply, what was meant
    /// and understood, and marks for fallbacks, handoffs, errors, failed expectations and
    /// dialogue failures.
    func transcript(_ record: ConversationRecord, highlight turnNumber: Int?) -> String {
        var html = "<div class=\"transcript\"><p class=\"muted\">conversation \(record.index) · persona "
        html += "\(h(record.persona)) · goal\(record.goals.count > 1 ? "s" : "") "
        html += record.goals.map { "\(h($0.name)) (\($0.outcome.rawValue))" }.joined(separator: ", ")
        if !record.behaviours.isEmpty { html += " · " + record.behaviours.map(\.rawValue).joined(separator: ", ") }
        html += "</p>\n"
        for (offset, turn) in record.turns.prefix(maxTranscriptTurns).enumerated() {
            let number = offset + 1
            html += "<div class=\"turn\(number == turnNumber ? " first-wrong" : "")\">"
            html += "<div class=\"user\"><span class=\"n\">\(number)</span><span class=\"who\">user</span>"
            if let act = ReportFormat.act(turn) { html += "<span class=\"badge act\">\(act)</span>" }
            html += "\(h(turn.user))</div>"
            html += "<div class=\"bot\(turn.fallback ? " fallback" : "")\(turn.error != nil ? " error" : "")\">"
            html += "<span class=\"who\">bot</span>"
            if let error = turn.error {
                html += "<span class=\"badge bad\">\(h(error.rawValue))</span> \(h(turn.errorDetail ?? ""))"
            } else {
                html += turn.bot.map { "<span class=\"msg\">\(h($0))</span>" }.joined()
            }
            html += "<div class=\"facts\">"
            if turn.expectedIntent != nil || turn.predictedIntent != nil {
                let wrong =
                    turn.expectedIntent != nil && turn.predictedIntent != nil
                    && turn.expectedIntent != turn.predictedIntent
                html +=
                    "<span class=\"intent\(wrong ? " wrong" : "")\">expected <b>\(h(turn.expectedIntent ?? "?"))</b> · "
                html += "predicted <b>\(h(turn.predictedIntent ?? "?"))</b>"
                if let confidence = turn.confidence { html += " (\(Figures.fixed(confidence, 2)))" }
                html += "</span>"
            }
            if turn.fallback { html += "<span class=\"badge warn\">fallback</span>" }
            if turn.handoff { html += "<span class=\"badge info\">handoff</span>" }
            for failure in turn.failures { html += "<span class=\"badge bad\">✘ \(h(failure))</span>" }
            for failure in turn.dialogueFailures { html += "<span class=\"badge bad\">✘ \(failure.rawValue)</span>" }
            html += "</div></div></div>\n"
        }
        if record.turns.count > maxTranscriptTurns {
            html += more(record.turns.count - maxTranscriptTurns, "turns")
        }
        return html + "</div>\n"
    }
}
