/// Escaping of untrusted text (bot replies, user utterances, intent, goal and persona names) for
/// the markup the reporters write. Every such text goes through one of these before it is
/// concatenated with markup, so a bot that answers `<script>…</script>` renders as text.
enum Escaping {
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
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Text for XML 1.0 element content or a quoted attribute value. Beyond the five markup
    /// characters, line breaks and tabs become character references (so attribute values keep
    /// them through attribute-value normalisation), and characters XML 1.0 forbids altogether
    /// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, because one of them would make the whole
    /// file unparseable for a CI server.
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
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
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
                if scalar.value < 0x20 {
                    out += "\u{FFFD}"
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

    /// At most `limit` characters of `text`, ending in `…` when it was cut. Applied before escaping,
    /// so a cut never splits an escape sequence.
    static func truncated(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }
}
