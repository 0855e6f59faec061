import ChorusModel
import Foundation
import Testing

@Suite struct JSONTextTests {
    @Test(arguments: [
        "plain text", "", "quote \" and backslash \\", "line\nbreak\tand\r", "\u{1}\u{1F}", "naïve 我的订单 🙂",
        "<script>alert(1)</script>", "\u{2028}separators\u{2029}", "end\"",
    ])
    func stringsRoundTripThroughAJSONParser(text: String) throws {
        var out = ""
        JSONText.appendString(text, to: &out)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
        #expect(parsed == [text])
        #expect(!out.contains("\n") && !out.contains("\u{2028}"))
        // The byte writer (the store's columns) writes the same text.
        var bytes: [UInt8] = []
        JSONText.appendString(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == out)
    }

    @Test func numbersAreRoundedWithoutTrailingZeros() {
        var out = ""
        JSONText.appendNumber(0.1234567, to: &out)
        out += ","
        JSONText.appendNumber(2, to: &out)
        out += ","
        JSONText.appendNumber(.nan, to: &out)
        #expect(out == "0.123457,2,null")
    }
}
