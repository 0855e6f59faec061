import ChorusModel
import ChorusSpec
import Foundation
import Testing

/// Labelled data files named by a suite: read exactly as written, errors located.
struct LabelledDataTests {
    static let data = Fixtures.packageRoot.appendingPathComponent("Fixtures/data").path

    static func read(_ source: DataSource, _ contents: String, name: String) throws -> [LabelledExample] {
        let folder = try Fixtures.temporaryFolder([name: contents])
        return try LabelledDataLoader.read(source, at: folder.appendingPathComponent(name).path)
    }

    static func diagnostics(_ source: DataSource, _ contents: String, name: String) -> [Diagnostic] {
        do {
            _ = try read(source, contents, name: name)
            return []
        } catch let error as SpecError {
            return error.diagnostics
        } catch {
            return [Diagnostic(file: "", line: 0, column: 0, message: "\(error)")]
        }
    }

    @Test func csvColumnsAreChosenByNameAndTextIsKeptVerbatim() throws {
        let examples = try LabelledDataLoader.read(
            DataSource(file: "acme-labelled.csv", text: "utterance", intent: "label"),
            at: "\(Self.data)/acme-labelled.csv")
        #expect(examples.count == 24)
        #expect(examples[0] == LabelledExample(text: "hello there", intent: "greet"))
        #expect(examples[4].text == "has my order shipped yet, please")
        #expect(examples[5].text == "track  my order")
        #expect(examples[22].text == "my order {id} is late")
        #expect(examples[23].text.contains("recently  how long"))
    }

    @Test func csvQuotesLineBreaksAndCRLF() throws {
        let csv = "text,intent\r\n\"say \"\"hi\"\"\",greet\r\n\"two\nlines\",other\r\n\r\nlast,greet"
        let examples = try Self.read(DataSource(file: "x.csv"), csv, name: "x.csv")
        #expect(examples.map(\.text) == ["say \"hi\"", "two\nlines", "last"])
        #expect(examples.map(\.intent) == ["greet", "other", "greet"])
    }

    @Test func tsvReadsTabSeparatedColumns() throws {
        let examples = try Self.read(DataSource(file: "x.tsv"), "intent\ttext\ngreet\thello, world\n", name: "x.tsv")
        #expect(examples == [LabelledExample(text: "hello, world", intent: "greet")])
    }

    @Test func aMissingColumnIsNamedWithTheColumnsThereAre() {
        let found = Self.diagnostics(
            DataSource(file: "x.csv", intent: "lable"), "text,label\nhi,greet\n", name: "x.csv")
        #expect(found.count == 1)
        #expect((found.first?.line, found.first?.column) == (1, 1))
        #expect(found.first?.message.contains("no column \"lable\" (did you mean \"label\"?)") == true)
    }

    @Test func csvErrorsAreLocatedAtTheirField() {
        let unterminated = Self.diagnostics(
            DataSource(file: "x.csv"), "text,intent\nok,greet\n\"never closed,greet\n", name: "x.csv")
        #expect(unterminated.map { "\($0.line):\($0.column)" } == ["3:1"])
        let emptyIntent = Self.diagnostics(
            DataSource(file: "x.csv"), "text,intent\nhello,\nbye,goodbye\né,\n", name: "x.csv")
        #expect(
            emptyIntent.map { "\($0.line):\($0.column): \($0.message)" } == ["2:7: empty intent", "4:3: empty intent"])
        let short = Self.diagnostics(DataSource(file: "x.csv"), "text,intent\nhello\n", name: "x.csv")
        #expect(short.first.map { "\($0.line):\($0.column)" } == "2:1")
        let stray = Self.diagnostics(DataSource(file: "x.csv"), "text,intent\n\"hi\"x,greet\n", name: "x.csv")
        #expect(stray.first.map { "\($0.line):\($0.column)" } == "2:5")
    }

    @Test func jsonLinesWithSlotsAndLocatedErrors() throws {
        let examples = try LabelledDataLoader.read(
            DataSource(file: "acme-labelled.jsonl", slots: "slots"), at: "\(Self.data)/acme-labelled.jsonl")
        #expect(examples.count == 3)
        #expect(examples[0].slots == [Entity(name: "order_id", value: "AB-123456")])
        let broken = Self.diagnostics(
            DataSource(file: "x.jsonl"),
            "{\"text\": \"hi\", \"intent\": \"greet\"}\n{\"text\": \"yo\" \"intent\": 1}\n", name: "x.jsonl")
        #expect(broken.map { "\($0.line):\($0.column)" } == ["2:15"])
        let noIntent = Self.diagnostics(DataSource(file: "x.jsonl"), "{\"text\": \"hi\"}\n", name: "x.jsonl")
        #expect(noIntent.first?.message.contains("\"intent\"") == true)
    }

    @Test func rasaNLUExamplesWithEntityMarkup() throws {
        let nlu = try RasaNLU.read(path: "\(Self.data)/acme-nlu.yml")
        #expect(
            nlu.examples.map(\.text) == [
                "where is order AB-123456", "track CD-654321", "has my order shipped", "I want to return the laptop",
                "refund the phone please", "are you open on sunday",
            ])
        #expect(nlu.examples[0].slots == [Entity(name: "order_id", value: "AB-123456")])
        #expect(nlu.examples[1].slots == [Entity(name: "order_id", value: "CD-654321")])
        #expect(nlu.examples[4].slots == [Entity(name: "product", value: "phone")])
        #expect(nlu.examples[5].slots == [Entity(name: "day", value: "sunday")])
        #expect(
            nlu.examples.map(\.intent) == [
                "order_status", "order_status", "order_status", "refund", "refund", "opening_hours",
            ])
        // What a suite cannot say is reported, not dropped silently.
        #expect(nlu.unused.contains { $0.contains("role \"latest\"") })
        #expect(nlu.unused.contains { $0.hasPrefix("synonym \"phone\"") })
    }

    @Test func markupThatIsNotAnAnnotationStaysText() {
        #expect(AnnotatedText(markup: "press [1] or (2)").text == "press [1] or (2)")
        #expect(AnnotatedText(markup: "a [b](c d) e").entities.isEmpty)
        let two = AnnotatedText(markup: "from [Paris](city) to [Rome](city)")
        #expect(two.text == "from Paris to Rome")
        #expect(two.entities == [Entity(name: "city", value: "Paris"), Entity(name: "city", value: "Rome")])
    }

    @Test func aRasaExampleLineWithoutADashIsLocatedAtItsLine() {
        let text = "nlu:\n- intent: greet\n  examples: |\n    - hi\n    hello\n"
        let found = Self.diagnostics(DataSource(file: "nlu.yml"), text, name: "nlu.yml")
        #expect(found.map { "\($0.line):\($0.column)" } == ["5:5"])
    }

    @Test func aSuiteReadsItsDataRelativeToItself() throws {
        let loaded = try SuiteLoader.load(path: "\(Self.data)/labelled.yaml")
        #expect(loaded.data.count == 1)
        #expect(loaded.data[0].examples.count == 24)
        #expect(loaded.data[0].path.hasSuffix("Fixtures/data/acme-labelled.csv"))
    }

    @Test func aChangedDataFileChangesTheSuiteHash() throws {
        let suite = "version: 1\nsuite: s\npersonas: {p: {}}\ndata: [{file: d.csv}]\n"
        let a = try Fixtures.temporaryFolder(["s.yaml": suite, "d.csv": "text,intent\nhi,greet\n"])
        let b = try Fixtures.temporaryFolder(["s.yaml": suite, "d.csv": "text,intent\nhi,hello\n"])
        let hashA = try SuiteLoader.load(path: a.appendingPathComponent("s.yaml").path).contentHash
        let hashB = try SuiteLoader.load(path: b.appendingPathComponent("s.yaml").path).contentHash
        #expect(hashA != hashB)
    }

    @Test func dataErrorsAreReportedThroughTheSuite() throws {
        let suite =
            "version: 1\nsuite: s\npersonas: {p: {}}\ngoals:\n  greet: {intent: greet, openings: [hi]}\ndata:\n  - file: d.csv\n  - file: missing.csv\n"
        let folder = try Fixtures.temporaryFolder(["s.yaml": suite, "d.csv": "text,intent\nhello,greet\n"])
        let error = #expect(throws: SpecError.self) {
            try SuiteLoader.load(path: folder.appendingPathComponent("s.yaml").path)
        }
        let messages = error?.diagnostics.map(\.description) ?? []
        #expect(messages.count == 2)
        #expect(
            messages.contains {
                $0.contains("s.yaml:7:11: error: intent \"greet\"") && $0.contains("defines goal \"greet\" already")
            })
        #expect(messages.contains { $0.contains("missing.csv: error: no such data file") })
    }
}
