import ChorusModel
import ChorusStore
import Foundation

/// The pages of `chorus dashboard`, rendered from what the store read (pure: data in, HTML out).
/// Every page is one document with inline CSS and inline SVG and no script at all, so it reads
/// the same without JavaScript and under a Content-Security-Policy that allows no script; every
/// text from a bot, a user simulation or a scenario is escaped (`Escaping.html`), and every link
/// built from such text is percent-encoded, then escaped.
public enum DashboardPage {
    /// The Content-Security-Policy every dashboard response carries: nothing may load from
    /// anywhere (no script, no frame, no font, no connection), styles only inline, forms only
    /// to the dashboard itself, and the page may not be framed.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// A whole page: the dashboard's bar of links, then `body`.
    public static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title)) · Chorus dashboard</title>
        <style>\(HTMLReporter.styleSheet)\(styleSheet)\(TrendChart.styleSheet)</style>
        </head>
        <body>
        <div class="bar"><a class="home" href="/">Chorus dashboard</a> <a href="/">Suites</a> <a href="/search">Search</a> \
        <a href="/diff">Diff</a></div>
        \(body)</body>
        </html>

        """
    }

    static let styleSheet = """

        .bar { background: #1d2733; padding: 8px 24px; }
        .bar a { color: #e8edf3; text-decoration: none; margin-right: 18px; font-size: 14px; }
        .bar a.home { font-weight: 700; }
        .page { max-width: 1200px; margin: 0 auto; padding: 16px 24px 32px; }
        .page table { border-collapse: collapse; width: 100%; }
        .page th, .page td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        .page td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .page table.suites th, .page table.suites td { white-space: nowrap; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin: 0 0 12px; }
        form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
        form.filters input, form.filters select { font: inherit; padding: 3px 6px; }
        .pager { margin-top: 12px; }
        .verdict-badge.pass { color: #1b5e20; font-weight: 600; }
        .verdict-badge.fail { color: #c62828; font-weight: 600; }

        """

    /// HTML-escaped text.
    static func h(_ text: String) -> String { Escaping.html(text) }

    /// A dashboard address with its query (percent-encoded; absent and empty values left out),
    /// not yet escaped for HTML.
    public static func link(_ path: String, _ query: [(String, String?)] = []) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/;")
        let parts = query.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }

    /// An `<a>` to a dashboard address, with escaped text.
    static func anchor(_ path: String, _ query: [(String, String?)], _ text: String) -> String {
        "<a href=\"\(h(link(path, query)))\">\(h(text))</a>"
    }

    /// The link to a run's page.
    static func runLink(_ run: StoredRun) -> String {
        anchor("/run", [("name", run.name)], run.name)
    }

    /// A gate verdict as a word: pass, FAIL, or a dash when the run was not judged.
    static func verdict(_ passed: Bool?) -> String {
        switch passed {
        case true?: "<span class=\"verdict-badge pass\">✔ pass</span>"
        case false?: "<span class=\"verdict-badge fail\">✘ FAIL</span>"
        case nil: "<span class=\"muted\">not judged</span>"
        }
    }

    /// A page telling what was not found (or what was wrong with the request).
    public static func notFound(_ message: String) -> String {
        document(title: "Not found", body: "<div class=\"page\"><h1>Not found</h1><p>\(h(message))</p></div>\n")
    }
}
