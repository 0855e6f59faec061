import Testing

@testable import ChorusReports

@Suite struct EscapingTests {
    @Test func htmlEscapesTheFiveMarkupCharacters() {
        #expect(
            Escaping.html("<a href=\"x\">Tom & 'Jerry'</a>")
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(Escaping.html("héllo 你好") == "héllo 你好")
    }

    @Test func xmlAlsoEscapesLineBreaksAndShowsControls() {
        #expect(Escaping.xml("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;")
        #expect(Escaping.xml("one\ntwo\tthree") == "one&#10;two&#9;three")
        // Controls XML forbids are shown as their control pictures, the one way every view shows them.
        #expect(Escaping.xml("bell\u{07}null\u{00}\u{FFFF}") == "bell␇null␀\u{FFFD}")
        #expect(Escaping.xmlText("one\ntwo <x>") == "one\ntwo &lt;x&gt;")
    }

    @Test func markdownCannotBreakATableOrInjectHTML() {
        let escaped = Escaping.markdown("a | b\nc `d` <img src=x> *e* [f](g) & h\r\ni")
        #expect(escaped == "a \\| b<br>c \\`d\\` &lt;img src=x&gt; \\*e\\* \\[f\\](g) &amp; h<br>i")
        #expect(!escaped.contains("\n"))
    }

    @Test func markdownCodeSpanOutlastsBackticksInside() {
        #expect(Escaping.markdownCode("chorus replay x") == "`chorus replay x`")
        #expect(Escaping.markdownCode("a ` b ``c") == "```a ` b ``c```")
        #expect(Escaping.markdownCode("`x") == "`` `x ``")
        #expect(Escaping.markdownCode("a|b\nc") == "`a\\|b c`")
    }

    @Test func truncationMarksTheCut() {
        #expect(Escaping.truncated("abcdef", 4) == "abc…")
        #expect(Escaping.truncated("abc", 4) == "abc")
    }

    /// A bot's escape sequences, bells, line breaks and direction overrides cannot act on a terminal.
    @Test func terminalTextShowsControlsInsteadOfObeyingThem() {
        #expect(Escaping.terminal("plain text, 中文, émoji 🎧\tand a tab") == "plain text, 中文, émoji 🎧\tand a tab")
        #expect(Escaping.terminal("\u{1B}[31mred\u{1B}]0;title\u{07}") == "␛[31mred␛]0;title␇")
        #expect(Escaping.terminal("two\nlines\r") == "two␊lines␍")
        #expect(Escaping.terminal("del\u{7F} c1\u{9B}2J") == "del␡ c1\u{FFFD}2J")
        #expect(Escaping.terminal("evil\u{202E}txt.exe") == "evil\\u{202E}txt.exe")
    }
}
