import ChorusSpec
import Foundation
import Testing

/// Every file (or folder) in `Fixtures/scenarios/invalid` declares the diagnostics it must
/// produce in trailing comments, `# expect: [file:]line:column: message`, where the message is
/// the essential part of the text. They must come out exactly, in order.
struct InvalidSuiteTests {
    struct Expectation: CustomStringConvertible {
        var file: String?
        var line: Int
        var column: Int
        var message: String

        var description: String { "\(file.map { "\($0):" } ?? "")\(line):\(column): \(message)" }

        func matches(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.line == line && diagnostic.column == column && diagnostic.message.contains(message)
                && (file.map { diagnostic.file.hasSuffix("/" + $0) } ?? true)
        }
    }

    static func expectations(for name: String) throws -> [Expectation] {
        let path = Fixtures.scenario("invalid/\(name)")
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let files =
            isFolder.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { "\(path)/\($0)" } : [path]
        var expectations: [Expectation] = []
        for file in files {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            where line.hasPrefix("# expect: ") {
                var rest = line.dropFirst("# expect: ".count)
                var fields = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                var fileName: String?
                if Int(fields[0]) == nil {
                    fileName = fields[0]
                    rest = rest.dropFirst(fields[0].count + 1)
                    fields = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                }
                let message = fields[2].trimmingCharacters(in: .whitespaces)
                expectations.append(
                    Expectation(file: fileName, line: Int(fields[0])!, column: Int(fields[1])!, message: message))
            }
        }
        return expectations
    }

    @Test("an invalid suite reports exactly its expected diagnostics", arguments: Fixtures.invalidScenarios)
    func reportsExpectedDiagnostics(name: String) throws {
        let expected = try Self.expectations(for: name)
        #expect(!expected.isEmpty, "\(name) declares no '# expect:' lines")
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: Fixtures.scenario("invalid/\(name)")) }
        let actual = error?.diagnostics ?? []
        let matched = actual.count == expected.count && zip(expected, actual).allSatisfy { $0.matches($1) }
        #expect(
            matched,
            """
            \(name): expected
            \(expected.map(\.description).joined(separator: "\n"))
            got
            \(actual.map { "\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n"))
            """)
    }

    @Test func severalMistakesAreAllReportedInFileOrder() throws {
        let path = Fixtures.scenario("invalid/several-mistakes.yaml")
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: path) }
        let lines = (error?.diagnostics ?? []).map { "\($0.line):\($0.column): \($0.message)" }
        #expect(
            lines == [
                "3:12: \"max_turns\" must be an integer, found string \"many\"",
                "6:13: \"weight\" must be a number, found string \"heavy\"",
                "7:5: unknown key \"patiense\" in persona \"careful\" (did you mean \"patience\"?)",
                "11:15: \"openings\" must not be empty",
                "12:24: \"handoff\" must be true or false, found string \"maybe\"",
                "15:9: missing required key \"user\" in step 1 of goal \"order_status\"",
            ])
        #expect(error?.diagnostics.allSatisfy { $0.file == path } == true)
    }

    @Test func aMissingFileIsAWholeFileDiagnostic() {
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: "no/such/suite.yaml") }
        #expect(error?.diagnostics.map(\.description) == ["no/such/suite.yaml: error: no such file or folder"])
    }

    @Test func aDuplicateAcrossFilesNamesTheFirstDefinition() throws {
        let folder = Fixtures.scenario("invalid/duplicate-across-files")
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: folder) }
        let messages = error?.diagnostics.map(\.message) ?? []
        #expect(messages.contains("persona \"careful\" is already defined at \(folder)/a.yaml:5"))
        #expect(messages.contains("goal \"refund\" is already defined at \(folder)/a.yaml:7"))
    }
}
