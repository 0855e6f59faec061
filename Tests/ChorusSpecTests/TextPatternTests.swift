import Foundation
import Testing

@testable import ChorusSpec

@Suite struct TextPatternTests {
    /// Plain-text patterns take a fast path; it must agree with the regex engine.
    @Test(arguments: [
        ("(?i)didn't understand", "Sorry, I DIDN'T understand that."),
        ("(?i)didn't understand", "Sorry, I did not understand."),
        ("(?i)human agent", "Connecting you to a Human Agent now."),
        ("human agent", "Connecting you to a Human Agent now."),
        ("has shipped", "Your order AB-123456 has shipped"),
        ("(?i)número de pedido", "¿Cuál es tu NÚMERO de pedido?"),
        ("(?i)order number", "order numbe"),
        ("a.b", "axb"),
        ("(?i)what (day|time)", "At what TIME?"),
        ("x", ""),
    ])
    func literalPatternsAgreeWithTheRegexEngine(pattern: String, text: String) throws {
        let compiled = try TextPattern(pattern)
        let regex = try NSRegularExpression(pattern: pattern)
        let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(compiled.matches(text) == expected)
    }

    @Test func anInvalidPatternIsRejectedWithItsSource() {
        #expect(throws: PatternError.self) { try TextPattern("(unclosed") }
    }
}
