import ChorusSpec
import Testing

struct DiagnosticTests {
    @Test func rendersLocationSourceLineAndCaret() {
        let diagnostic = Diagnostic(
            file: "Scenarios/shop.yaml", line: 12, column: 5, message: "unknown key \"oppenings\" in goal \"refund\"",
            sourceLine: "    oppenings: [hi]")
        #expect(
            diagnostic.description == """
                Scenarios/shop.yaml:12:5: error: unknown key "oppenings" in goal "refund"
                    oppenings: [hi]
                    ^
                """)
    }

    @Test func keepsTabsSoTheCaretLinesUp() {
        let diagnostic = Diagnostic(file: "a.yaml", line: 1, column: 3, message: "m", sourceLine: "\tx: y")
        #expect(diagnostic.description == "a.yaml:1:3: error: m\n\tx: y\n\t ^")
    }

    @Test func countsColumnsInUnicodeScalars() {
        let diagnostic = Diagnostic(file: "a.yaml", line: 1, column: 8, message: "m", sourceLine: "- \"日本語 {x}\"")
        #expect(diagnostic.description.hasSuffix("\n- \"日本語 {x}\"\n       ^"))
    }

    @Test func aWholeFileProblemHasNoPosition() {
        let diagnostic = Diagnostic(file: "gone.yaml", line: 0, column: 0, message: "no such file")
        #expect(diagnostic.description == "gone.yaml: error: no such file")
    }

    @Test func loadedDiagnosticsQuoteTheirLine() throws {
        let folder = try Fixtures.temporaryFolder([
            "s.yaml": "version: 1\nsuite: s\npersonas:\n  careful: {weight: heavy}\n"
        ])
        let path = folder.appendingPathComponent("s.yaml").path
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: path) }
        #expect(
            error?.description == """
                \(path):4:21: error: "weight" must be a number, found string "heavy"
                  careful: {weight: heavy}
                                    ^
                """)
    }
}
