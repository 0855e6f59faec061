import Foundation
import Testing

@testable import ChorusModel

/// The byte-level JSON parser accepts what Foundation's `JSONSerialization` accepts, rejects
/// what it rejects (with a position), and gives the same values.
@Suite struct JSONParserTests {
    /// Documents both parsers must accept and agree on.
    static let valid: [String] = [
        "null", "true", "false", "0", "-0", "1", "-1", "42", "3.14", "-2.5e-3", "1E10", "1e+2", "0.1",
        "123456789012345",
        "12345678901234567890", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308", "0.30000000000000004",
        "9007199254740993", "1e-400", "123.456e-7", "\"\"", "\"plain\"", #""quote \" backslash \\ slash \/""#,
        #""\b\f\n\r\t""#, #""\u0041\u00e9\u4e2d""#, #""\ud83d\ude00 grin""#, "\"naïve café 你好 😀\"", "[]", "{}",
        "[1,2,3]",
        " [ 1 , [ 2 , [ 3 ] ] ] ", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        #"[{"recipient_id":"u","text":"Sorry, I didn't understand that. Could you rephrase?"}]"#,
        #"{"choices":[{"message":{"role":"assistant","content":"Hi!\nHow can I help?"}}]}"#,
        "\t\n\r {\"k\" : \"v\" } \n", "{\"dup\":1,\"dup\":2}", #"{"":0}"#, "[\"\\u0000\"]", "[-0.0, 0e0, 0E-0]",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ]

    /// Documents both parsers must reject.
    static let invalid: [String] = [
        "", " ", "nul", "tru", "falsey", "01", "-", "+1", ".5", "1.", "1e", "1e+", "--1", "0x10", "NaN", "Infinity",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"tab\there\"", "\"line\nbreak\"",
        "\"\\ud83d alone\"", "\"\\ude00 low\"", "\"\\ud83d\\u0041\"", "[,1]", "[1 2]",
        "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":}", "[", "]", "{", "}", "[1]]", "{}x", "1 2", "[1] // comment",
        "/* c */ 1", "\u{00A0}1", "[\"a\"\"b\"]", "{\"a\":1 \"b\":2}", "1e400", "-1e400",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    /// Trailing commas: Foundation on Linux accepts them; RFC 8259, and this parser, do not.
    @Test func trailingCommasAreRejected() {
        for text in ["[1,]", "{\"a\":1,}", "[[],]"] {
            #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
        }
    }

    static func foundation(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// Whether `json` is the value Foundation made.
    static func same(_ json: JSON, _ value: Any) -> Bool {
        switch json {
        case .null: return value is NSNull
        case .bool(let flag):
            guard let number = value as? NSNumber else { return false }
            return number.boolValue == flag
        case .number(let exact):
            let number = exact.double
            // Foundation rounds some long decimals differently in the last bit (it goes through
            // Decimal); `numbersConvertExactly` checks this parser against Swift's correctly
            // rounded `Double(String)`.
            let other: Double
            if let number = value as? NSNumber {
                other = number.doubleValue
            } else if let decimal = value as? Decimal {
                other = NSDecimalNumber(decimal: decimal).doubleValue
            } else {
                return false
            }
            return other == number || abs(other - number) <= max(abs(other), abs(number)) * 1e-15
        case .string(let text): return (value as? String) == text
        case .array(let items):
            guard let others = value as? [Any], others.count == items.count else { return false }
            return zip(items, others).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = value as? [String: Any], others.count == members.count else { return false }
            return members.allSatisfy { key, item in others[key].map { same(item, $0) } ?? false }
        }
    }

    @Test(arguments: valid) func aValidDocumentParsesAsFoundationParsesIt(_ text: String) throws {
        let reference = try #require(Self.foundation(Array(text.utf8)), "Foundation rejects \(text)")
        let parsed = try JSON(parsing: text)
        #expect(Self.same(parsed, reference), "\(text) → \(parsed)")
    }

    @Test(arguments: invalid) func aMalformedDocumentIsRejectedByBoth(_ text: String) {
        #expect(Self.foundation(Array(text.utf8)) == nil, "Foundation accepts \(text)")
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }

    @Test func invalidUTF8IsRejected() {
        for bytes: [UInt8] in [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x5B, 0x80, 0x5D],
        ] {
            #expect(Self.foundation(bytes) == nil)
            #expect(throws: JSONParseError.self) { try JSON(parsing: bytes) }
        }
    }

    @Test func anErrorSaysWhereTheDocumentGoesWrong() {
        #expect(throws: JSONParseError(offset: 9, message: "expected ',' or ']'")) { try JSON(parsing: "[1, 2, 3 4]") }
        #expect(throws: JSONParseError(offset: 1, message: "unterminated string")) { try JSON(parsing: "[\"abc") }
        #expect(throws: JSONParseError(offset: 5, message: "unexpected text after the value")) {
            try JSON(parsing: "true false")
        }
        let error = #expect(throws: JSONParseError.self) { try JSON(parsing: #"{"texts": ["unterminated"#) }
        #expect(error?.description == "unterminated string at byte 11")
    }

    @Test func numbersConvertExactly() throws {
        for text in [
            "0.1", "0.2", "1.5e300", "123456.789", "-9.87654321e-12", "4.35", "1e22", "1e23", "8.41e21", "3.0e-5",
            "0.30000000000000004", "2.2250738585072014e-308", "1.7976931348623157e308", "9007199254740993",
            "123456789012345678901234567890", "0.000000000000000000000000000001",
        ] {
            guard case .number(let number) = try JSON(parsing: text) else {
                Issue.record("\(text) is not a number")
                continue
            }
            #expect(number.double == Double(text)!, "\(text)")
            #expect(number.text == text)
        }
    }

    /// An id or entity value a bot sends as a long integer comes back digit for digit, wherever
    /// it is read or written again.
    @Test func integersKeepEveryDigit() throws {
        for digits in ["12345678901234567890", "-98765432109876543210987654321", "9007199254740993", "0"] {
            let json = try JSON(parsing: #"{"entities": [{"entity": "order", "value": \#(digits)}]}"#)
            guard case .array(let entities)? = json["entities"] else {
                Issue.record("no entities")
                continue
            }
            #expect(entities.first?["value"]?.scalarText == digits)
            #expect(json.text == #"{"entities":[{"entity":"order","value":\#(digits)}]}"#)
            #expect(json.rendered().contains(": \(digits)\n"))
        }
        // The same through Codable (JSONDecoder): integers up to 64 bits are exact there too.
        let decoded = try JSONDecoder().decode([String: JSON].self, from: Data(#"{"id": 12345678901234567890}"#.utf8))
        #expect(decoded["id"]?.scalarText == "12345678901234567890")
    }

    @Test func aWholeNumberWrittenWithAFractionIsThatWholeNumberAsText() throws {
        for (text, scalar) in [
            ("7.0", "7"), ("1e3", "1000"), ("-2.50E+1", "-25"), ("1.50", "1.50"), ("2.5e-3", "2.5e-3"), ("-0", "-0"),
            ("0.0", "0"), ("1e20", "100000000000000000000"),
        ] {
            #expect(try JSON(parsing: text).scalarText == scalar, "\(text)")
        }
        #expect(JSON.number(0.5).scalarText == "0.5")
        #expect(JSON.number(3).text == "3")
    }

    /// Numbers are equal when their decimal values are, exactly.
    @Test func numbersAreEqualWhenTheirDecimalValuesAre() throws {
        let two = try JSON(parsing: "2")
        #expect(two == .number(2))
        #expect(try JSON(parsing: "2.0") == two)
        #expect(try JSON(parsing: "20e-1") == two)
        #expect(try JSON(parsing: "0.93") == .number(0.93))
        #expect(try JSON(parsing: "12345678901234567890") != JSON(parsing: "12345678901234567891"))
        #expect(try JSON(parsing: "-0") == JSON(parsing: "0"))
        let numbers: Set<JSONNumber> = [JSONNumber(2), JSONNumber(2.0), JSONNumber(20)]
        #expect(numbers.count == 2)
    }

    /// Random documents, written out and then cut short or corrupted: the two parsers agree on
    /// every one.
    @Test func randomAndCorruptedDocumentsAgreeWithFoundation() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let value = Self.randomValue(&generator, depth: 0)
            let text = value.text
            let reference = try #require(Self.foundation(Array(text.utf8)), "Foundation rejects \(text)")
            let parsed = try JSON(parsing: text)
            #expect(Self.same(parsed, reference) && parsed == value, "\(text)")
            // Corrupt it: cut it, or replace one byte with a character that matters to JSON.
            var bytes = Array(text.utf8)
            if generator.next() % 2 == 0, bytes.count > 1 {
                bytes.removeLast(Int(generator.next() % UInt64(bytes.count - 1)) + 1)
            } else {
                let specials = Array("{}[]\",:\\ 0-e.tn".utf8)
                bytes[Int(generator.next() % UInt64(bytes.count))] =
                    specials[Int(generator.next() % UInt64(specials.count))]
            }
            let foundationAccepts = Self.foundation(bytes) != nil
            let oursAccepts = (try? JSON(parsing: bytes)) != nil
            #expect(foundationAccepts == oursAccepts, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    static func randomValue(_ generator: inout SplitMix64, depth: Int) -> JSON {
        let choice = generator.next() % (depth > 3 ? 5 : 7)
        switch choice {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2:
            return .number(
                Double(Int64(bitPattern: generator.next()) % 1_000_000) / [1, 10, 1000][Int(generator.next() % 3)])
        case 3: return .number(Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF))
        case 4:
            let pieces = ["a", "é", "你", "😀", "\"", "\\", "\n", "\u{01}", " ", "/", "text"]
            return .string(
                (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                    .joined())
        case 5: return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var members: [String: JSON] = [:]
            for index in 0..<Int(generator.next() % 4) {
                members["k\(index)"] = randomValue(&generator, depth: depth + 1)
            }
            return .object(members)
        }
    }
}
