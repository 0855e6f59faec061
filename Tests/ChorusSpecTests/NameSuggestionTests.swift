import Foundation
import Testing

@testable import ChorusSpec

struct NameSuggestionTests {
    @Test func measuresEditDistance() {
        #expect(NameSuggestion.levenshtein("oppenings", "openings") == 1)
        #expect(NameSuggestion.levenshtein("", "abc") == 3)
        #expect(NameSuggestion.levenshtein("kitten", "sitting") == 3)
        #expect(NameSuggestion.levenshtein("bto", "bot") == 1, "a swap of neighbours is one edit")
    }

    @Test func suggestsOnlyPlausibleNames() {
        #expect(NameSuggestion.nearest(to: "order_number", in: ["order_id", "product", "date"]) == "order_id")
        #expect(NameSuggestion.nearest(to: "patiense", in: ["weight", "patience", "noise"]) == "patience")
        #expect(NameSuggestion.nearest(to: "zzz", in: ["weight", "patience"]) == nil)
    }

    @Test func findsPathsInDocuments() throws {
        let file = try SourceFile(
            path: "s.yaml", bytes: Data("goals:\n  refund:\n    openings: [a, b, \"c {x}\"]\n".utf8))
        let locator = SpecLocator(documents: [try YAMLDocument.compose(file)])
        let diagnostic = locator.diagnostic(["goals", "refund", "openings", 2], "m", pointingAt: "{x}")
        #expect((diagnostic.line, diagnostic.column) == (3, 25))
        #expect(locator.diagnostic(["goals", "refund"], "m", at: .key).column == 3)
        #expect(SpecPath(["goals", "refund", "openings", 2]).description == "goals.refund.openings[2]")
    }
}
