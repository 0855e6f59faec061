import ChorusSpec
import Testing

/// Reply patterns whose `{placeholders}` stand for a conversation's values.
@Suite struct ValuedPatternTests {
    private let vocab: [String: Vocab] = [
        "product": .values(["C++ (v2.0)", "a.c", "phone", "headphones"]),
        "order_id": .pattern("[A-Z]{2}-[0-9]{6}"),
    ]

    private func compile(_ source: String) throws -> ValuedPattern {
        try ValuedPattern(source, anyValue: { vocab[$0]?.anyValueRegex })
    }

    @Test func placeholdersAreNamesAndQuantifiersStayQuantifiers() {
        #expect(
            ValuedPattern.placeholderNames(in: "(?i)order {order_id} in [0-9]{2,3} days, \\{literal}") == ["order_id"])
        #expect(ValuedPattern.placeholderNames(in: "{_x1} and {1x}") == ["_x1"])
    }

    @Test(arguments: ["C++ (v2.0)", "a.c"])
    func valuesWithRegexCharactersMatchOnlyThemselves(_ value: String) throws {
        let pattern = try compile("refund for the {product}!")
        let matches = pattern.matches(in: ["I started a refund for the \(value)!"])
        #expect(matches.map(\.captured.first?.text) == [value])
        // "a.c" is escaped: "abc" is not a value of the vocab, so nothing is captured.
        #expect(try compile("the {product} is").matches(in: ["the abc is"]).isEmpty)
    }

    @Test func theLongestValueWinsAndOtherValuesAreCapturedForComparison() throws {
        let pattern = try compile("(?i)the {product} from order {order_id}")
        let match = try #require(pattern.matches(in: ["Refunding the headphones from order AB-123456."]).first)
        #expect(match.captured.map(\.text) == ["headphones", "AB-123456"])
        #expect(pattern.matches(in: ["Refunding the headphones from order AB-12345."]).isEmpty)
    }

    @Test func anUnknownPlaceholderIsAnError() {
        #expect(throws: PatternError.self) { try compile("order {order_number}") }
    }

    @Test func aPatternWithoutPlaceholdersMatchesAsItIs() throws {
        let pattern = try compile("(?i)has shipped")
        #expect(pattern.matchesAny(["Your order HAS SHIPPED."]))
        #expect(pattern.matches(in: ["It has shipped"]).count == 1)
    }

    @Test func aVocabPatternMatchesExactlyWhatItGenerates() throws {
        let pattern = try ValuePattern(parsing: "[A-Z]{2}-?[0-9]{2,3}")
        #expect(
            pattern.matches("AB-12") && pattern.matches("AB123") && !pattern.matches("AB-1234")
                && !pattern.matches("A-12"))
    }
}
