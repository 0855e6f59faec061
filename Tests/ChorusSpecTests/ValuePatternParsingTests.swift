import ChorusSpec
import Testing

struct ValuePatternParsingTests {
    @Test func parsesClassesLiteralsAndQuantifiers() throws {
        let pattern = try ValuePattern(parsing: "[A-Z]{2}-[0-9]{6}")
        #expect(pattern.source == "[A-Z]{2}-[0-9]{6}")
        #expect(
            pattern.atoms == [
                .init(ranges: [65...90], min: 2, max: 2),
                .init(ranges: [45...45]),
                .init(ranges: [48...57], min: 6, max: 6),
            ])
    }

    @Test func parsesEscapesRangesAndOptionalAtoms() throws {
        let pattern = try ValuePattern(parsing: #"\d{1,3}\.[a-c_\-]?x"#)
        #expect(
            pattern.atoms == [
                .init(ranges: [48...57], min: 1, max: 3),
                .init(ranges: [46...46]),
                .init(ranges: [97...99, 95...95, 45...45], min: 0, max: 1),
                .init(ranges: [120...120]),
            ])
    }

    @Test func readsNonASCIILiterals() throws {
        let pattern = try ValuePattern(parsing: "é[日月]")
        #expect(pattern.atoms == [.init(ranges: [0xE9...0xE9]), .init(ranges: [0x65E5...0x65E5, 0x6708...0x6708])])
    }

    @Test(
        "rejects what a generator cannot honour, at the offending offset",
        arguments: [
            ("[A-Z", 0, "unbalanced \"[\""),
            ("AB]", 2, "unbalanced \"]\""),
            ("x[]", 1, "empty class"),
            ("[0-9]+", 5, "unbounded repetition \"+\""),
            ("a*", 1, "unbounded repetition \"*\""),
            ("[A-Z]{2,1}", 5, "minimum exceeds maximum"),
            ("[A-Z]{x}", 6, "bad quantifier: expected a number"),
            ("[A-Z]{2", 5, "unbalanced \"{\""),
            ("{2}", 0, "nothing to repeat"),
            ("a{2}?", 4, "follows another quantifier"),
            ("a.b", 1, "\".\" is not supported"),
            (#"\q"#, 0, "unknown escape"),
            (#"ab\"#, 2, "at the end of the pattern"),
            ("[z-a]", 2, "bad range"),
            ("[^a]", 1, "negated classes"),
            ("", 0, "empty pattern"),
        ])
    func rejectsInvalidPatterns(source: String, offset: Int, reason: String) {
        let error = #expect(throws: ValuePatternError.self) { try ValuePattern(parsing: source) }
        #expect(error?.offset == offset)
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "no error")")
    }

    @Test func errorDescriptionNamesOffsetAndPattern() {
        let error = ValuePatternError(
            pattern: "[0-9]+", offset: 5, reason: "unbounded repetition \"+\" is not allowed; use {n,m}")
        #expect(error.description == "unbounded repetition \"+\" is not allowed; use {n,m} at offset 5 of \"[0-9]+\"")
    }
}
