import ChorusTestSupport
import Foundation
import Testing

/// A suite over a labelled test set, run end to end: each utterance exactly once, as written,
/// and the intent metrics are the test set's, the same at any concurrency and across shards.
@Suite struct LabelledRunTests {
    static let suite = "Fixtures/data/labelled.yaml"

    /// The rows of the fixture's CSV, read here independently of Chorus's reader (the fixture
    /// has no line breaks inside fields): (utterance, label).
    static func rows() throws -> [(text: String, intent: String)] {
        let text = try String(contentsOfFile: Fixtures.path("Fixtures/data/acme-labelled.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            var fields: [String] = []
            var field = ""
            var quoted = false
            for character in line {
                if character == "\"" {
                    quoted.toggle()
                } else if character == ",", !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            return (fields[1], fields[2])
        }
    }

    /// The transcripts' conversations, as JSON objects.
    static func conversations(_ directory: String) throws -> [[String: Any]] {
        try String(contentsOfFile: "\(directory)/transcripts.jsonl", encoding: .utf8).split(separator: "\n").map {
            line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// (expected, predicted) of every scored turn in the transcripts.
    static func predictions(_ directory: String) throws -> [(expected: String, predicted: String)] {
        try conversations(directory).flatMap { conversation -> [(String, String)] in
            let turns = try #require(conversation["turns"] as? [[String: Any]])
            return turns.compactMap { turn in
                guard let expected = turn["expected_intent"] as? String,
                    let predicted = turn["predicted_intent"] as? String
                else { return nil }
                return (expected, predicted)
            }
        }
    }

    @Test func everyUtteranceIsSaidOnceAsWrittenAndTheMetricsAreTheTestSets() async throws {
        let rows = try Self.rows()
        // --conversations counts sampled conversations; this suite has none, so it changes nothing.
        let (directory, result) = try await CLI.run(
            ["--format", "json"], suite: Self.suite, conversations: 5, expectStatus: nil)
        #expect(result.status <= 1, "\(result.stderr)")
        let conversations = try Self.conversations(directory)
        #expect(conversations.count == rows.count)
        // The first user turn of each conversation, in conversation order, byte for byte.
        let firsts = try conversations.map { conversation -> String in
            let turns = try #require(conversation["turns"] as? [[String: Any]])
            return try #require(turns.first?["user"] as? String)
        }
        #expect(firsts.sorted() == rows.map(\.text).sorted())
        #expect(Set(firsts).count == rows.count)
        #expect(firsts.contains("track  my order"))

        // The metrics, computed here from the transcripts alone.
        let pairs = try Self.predictions(directory)
        #expect(pairs.count >= rows.count)
        let summary = try CLI.json("\(directory)/summary.json")
        let metrics = try #require(summary["metrics"] as? [String: Any])
        let accuracy = try #require(metrics["intent_accuracy"] as? [String: Any])
        let correct = pairs.filter { $0.expected == $0.predicted }.count
        #expect(accuracy["n"] as? Int == pairs.count)
        #expect(accuracy["successes"] as? Int == correct)
        #expect(abs((accuracy["value"] as? Double ?? -1) - Double(correct) / Double(pairs.count)) < 1e-6)

        let intents = try #require(summary["intents"] as? [String: [String: Any]])
        let labels = Set(pairs.map(\.expected))
        #expect(Set(intents.keys) == labels)
        for label in labels {
            let truePositives = pairs.filter { $0.expected == label && $0.predicted == label }.count
            let predicted = pairs.filter { $0.predicted == label }.count
            let support = pairs.filter { $0.expected == label }.count
            let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
            let recall = Double(truePositives) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            let scores = try #require(intents[label])
            #expect(scores["support"] as? Int == support, "\(label)")
            #expect(abs((scores["precision"] as? Double ?? -1) - precision) < 1e-6, "\(label)")
            #expect(abs((scores["recall"] as? Double ?? -1) - recall) < 1e-6, "\(label)")
            #expect(abs((scores["f1"] as? Double ?? -1) - f1) < 1e-6, "\(label)")
        }
        var confusion: [String: [String: Int]] = [:]
        for pair in pairs { confusion[pair.expected, default: [:]][pair.predicted, default: 0] += 1 }
        let reported = try #require(summary["confusion"] as? [String: [String: Int]])
        #expect(reported == confusion)
    }

    /// confusion.csv is the confusion matrix of the transcripts' predictions, square over every
    /// label, sorted (scikit-learn's `confusion_matrix` with those labels; scripts/check-nlu-metrics
    /// compares it with scikit-learn itself), and the sweep is the transcripts' confidences.
    @Test func confusionCSVAndSweepAreTheTranscripts() async throws {
        let (directory, result) = try await CLI.run(["--format", "json", "csv"], suite: Self.suite, expectStatus: nil)
        #expect(result.status <= 1, "\(result.stderr)")
        let pairs = try Self.predictions(directory)
        let labels = Set(pairs.flatMap { [$0.expected, $0.predicted] }).sorted()
        var expectedCSV = (["expected\\predicted"] + labels).joined(separator: ",") + "\n"
        for row in labels {
            let counts = labels.map { column in pairs.filter { $0.expected == row && $0.predicted == column }.count }
            expectedCSV += ([row] + counts.map(String.init)).joined(separator: ",") + "\n"
        }
        #expect(try String(contentsOfFile: "\(directory)/confusion.csv", encoding: .utf8) == expectedCSV)

        var scored: [(correct: Bool, confidence: Double)] = []
        for conversation in try Self.conversations(directory) {
            for turn in try #require(conversation["turns"] as? [[String: Any]]) {
                guard let expected = turn["expected_intent"] as? String,
                    let predicted = turn["predicted_intent"] as? String,
                    let confidence = turn["confidence"] as? Double
                else { continue }
                scored.append((expected == predicted, confidence))
            }
        }
        #expect(!scored.isEmpty)
        let summary = try CLI.json("\(directory)/summary.json")
        let figures = try #require(summary["confidence"] as? [String: Any])
        let sweep = try #require(figures["sweep"] as? [[String: Any]])
        #expect(sweep.count == 20)
        var bestNet = Int.min
        var bestThreshold = -1.0
        for point in sweep {
            let threshold = try #require(point["threshold"] as? Double)
            let kept = scored.filter { $0.confidence >= threshold }
            let correct = kept.filter(\.correct).count
            #expect(point["kept"] as? Int == kept.count, "at \(threshold)")
            #expect(point["kept_correct"] as? Int == correct, "at \(threshold)")
            #expect(
                abs(
                    (point["fallback_rate"] as? Double ?? -1) - Double(scored.count - kept.count) / Double(scored.count)
                ) < 1e-6)
            if 2 * correct - kept.count > bestNet { (bestNet, bestThreshold) = (2 * correct - kept.count, threshold) }
        }
        #expect(figures["recommended_threshold"] as? Double == bestThreshold)
    }

    @Test func theSameAtAnyConcurrencyAndAcrossShards() async throws {
        let one = try await CLI.run(["--format", "json", "--concurrency", "1"], suite: Self.suite, expectStatus: nil)
            .directory
        let many = try await CLI.run(["--format", "json", "--concurrency", "12"], suite: Self.suite, expectStatus: nil)
            .directory
        #expect(try CLI.transcriptLines(one) == CLI.transcriptLines(many))
        #expect(try CLI.deterministicSummary(one) == CLI.deterministicSummary(many))

        let directory = try Fixtures.temporaryDirectory("chorus-labelled-shards")
        for shard in 0..<3 {
            let result = try await ChorusProcess.run([
                "run", Self.suite, "--target", CLI.v1, "--shard", "\(shard)/3", "--db", "\(directory)/s\(shard).sqlite",
                "--out", "\(directory)/s\(shard)", "--quiet", "--format", "json",
            ])
            #expect(result.status <= 1, "\(result.stderr)")
        }
        let merge = try await ChorusProcess.run(
            ["merge"] + (0..<3).map { "\(directory)/s\($0).sqlite" } + ["--into", "\(directory)/m.sqlite"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let report = try await ChorusProcess.run([
            "report", "latest", "--db", "\(directory)/m.sqlite", "--out", "\(directory)/m", "--format", "json",
        ])
        #expect(report.status <= 1, "\(report.stderr)")
        var merged = try CLI.deterministicSummary("\(directory)/m") as! [String: Any]
        var single = try CLI.deterministicSummary(one) as! [String: Any]
        // The verdict of a merged run is judged again by `report`; compare what was measured.
        merged.removeValue(forKey: "verdict")
        single.removeValue(forKey: "verdict")
        #expect(merged as NSDictionary == single as NSDictionary)
    }

    @Test func aBadDataFileIsALocatedErrorExit2() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-bad-data")
        try "version: 1\nsuite: s\npersonas: {p: {}}\ndata: [{file: d.csv}]\n".write(
            toFile: "\(directory)/s.yaml", atomically: true, encoding: .utf8)
        try "text,intent\nhello,greet\n\"oops,greet\n".write(
            toFile: "\(directory)/d.csv", atomically: true, encoding: .utf8)
        let result = try await ChorusProcess.run(["validate", "\(directory)/s.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("d.csv:3:1: error: unterminated quoted field"), "\(result.stderr)")
    }
}
