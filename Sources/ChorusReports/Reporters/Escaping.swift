/// Escaping of untrusted text (bot replies, user utterances, intent, goal and persona names) for
/// the markup the reporters write and the terminal. Every such text goes through one of these
/// before it is concatenated with markup or printed, so a bot that answers `<script>…</script>`
/// renders as text and one that answers an escape sequence cannot drive the terminal. Control
/// characters are shown the same way everywhere, by `visible(_:)`.
public enum Escaping {
    /// Text for a terminal line: every control character but tab becomes visible (see
    /// `visible(_:)`), so a reply cannot move the cursor, recolour or retitle the terminal, or
    /// read other than it is.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\t" && visible($0) != nil }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar != "\t", let shown = visible(scalar) { out += shown } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The one place that decides how a control character is shown, on terminals and in every
    /// report: C0 controls and DEL as their Unicode control pictures (`␛`, `␀`, `␇`, `␊`), C1
    /// controls as U+FFFD, and the bidirectional overrides and isolates as `\u{202E}`-style text.
    /// `nil` for a character shown as itself. Each destination keeps its own line breaks and tabs
    /// before asking.
    public static func visible(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00...0x1F: String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: "␡"
        case 0x80...0x9F: "\u{FFFD}"
        case 0x202A...0x202E, 0x2066...0x2069: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default: nil
        }
    }

    /// Text for HTML element content or a quoted attribute value: `&`, `<`, `>`, `"` and `'`
    /// become character references.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out.unicodeScalars.append(character)
            default:
                if let shown = visible(character) { out += shown } else { out.unicodeScalars.append(character) }
            }
        }
        return out
    }

    /// Text for XML 1.0 element content or a quoted attribute value. Beyond the five markup
    /// characters, line breaks and tabs become character references (so attribute values keep
    /// them through attribute-value normalisation), and characters XML 1.0 forbids altogether
    /// (U+FFFE, U+FFFF) become U+FFFD, because one of them would make the whole file unparseable
    /// for a CI server; other control characters are made visible (`visible(_:)`).
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if let shown = visible(scalar) {
                    out += shown
                } else if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Text for XML element content where line breaks should stay readable (`<system-out>`): as
    /// `xml(_:)` but newlines and tabs are kept literally.
    static func xmlText(_ text: String) -> String {
        xml(text).replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#9;", with: "\t")
            .replacingOccurrences(of: "&#13;", with: "")
    }

    /// Text for a GitHub-flavoured Markdown table cell or inline run: it can neither end the cell
    /// (`|`, line breaks), open a code span, emphasis or link (`` ` ``, `*`, `_`, `[`, `]`, `~`, `\`),
    /// nor inject HTML (`<`, `>`, `&`). Line breaks become `<br>` so multi-line replies stay readable.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\r": out += "<br>"
            case "\n": if !previousWasCR { out += "<br>" }
            case "\t": out += " "
            default:
                if let shown = visible(scalar) {
                    out += shown
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A Markdown code span holding `text` literally, usable inside a table cell: the fence is
    /// longer than any run of backticks inside, line breaks become spaces and `|` is escaped
    /// (GitHub splits table cells on `|` even inside code spans, and removes the backslash).
    static func markdownCode(_ text: String) -> String {
        var longestRun = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let fence = String(repeating: "`", count: longestRun + 1)
        // A span that starts or ends with a backtick needs a space inside the fence.
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
        return fence + padded + fence
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with quotes
    /// doubled; otherwise as it is, so a label reads back byte for byte with any CSV reader.
    static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// At most `limit` characters of `text`, ending in `…` when it was cut. Applied before escaping,
    /// so a cut never splits an escape sequence.
    static func truncated(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }
}
