import ChorusSpec
import Foundation

extension State {
    /// A Botium `*.convo.txt`: a name line, then `#me` and `#bot` sections. A `#me` section is a
    /// user step (an utterance list's name stands for every utterance in it, each said once);
    /// a `#bot` section's text is the expected reply, `INTENT name` the expected intent, and
    /// other asserters are reported.
    mutating func botiumConvo(_ file: String) throws(SpecError) {
        let lines = try Self.lines(file)
        var name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var steps: [ImportedSuite.Step] = []
        var section: String?
        var block: [String] = []
        var dropped: [String] = []
        var sawSection = false

        func finish() {
            let text = block.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            defer { block = [] }
            guard let section, !text.isEmpty else { return }
            switch section {
            case "me":
                if let list = utteranceLists.first(where: { $0.name == text }) {
                    referencedLists.insert(list.name)
                    // Each of the list's utterances once; only one step of a goal can enumerate.
                    let enumerates = !steps.contains { $0.each == true }
                    steps.append(ImportedSuite.Step(user: list.utterances, each: enumerates ? true : nil))
                } else {
                    steps.append(ImportedSuite.Step(user: [text]))
                }
            case "bot":
                guard !steps.isEmpty else { return dropped.append("a #bot section before any #me") }
                var expectation = steps[steps.count - 1].expect ?? Expectation()
                var reply: [String] = []
                for line in text.split(separator: "\n").map(String.init) {
                    let words = line.split(separator: " ", maxSplits: 1).map(String.init)
                    if words.first == "INTENT", words.count == 2 {
                        expectation.intent = words[1]
                    } else if let first = words.first, first == first.uppercased(), first.count > 2,
                        first.allSatisfy({ $0.isLetter || $0 == "_" })
                    {
                        dropped.append("asserter \(first)")
                    } else {
                        reply.append(line)
                    }
                }
                if !reply.isEmpty {
                    expectation.reply =
                        "^" + NSRegularExpression.escapedPattern(for: reply.joined(separator: "\n")) + "$"
                }
                steps[steps.count - 1].expect = expectation.isEmpty ? nil : expectation
            default:
                dropped.append("#\(section) section")
            }
        }

        for (number, line) in lines.enumerated() {
            if line.hasPrefix("#") {
                finish()
                section = String(line.dropFirst()).trimmingCharacters(in: .whitespaces).lowercased()
                sawSection = true
            } else if !sawSection {
                if number == 0, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    name = line.trimmingCharacters(in: .whitespaces)
                }
            } else {
                block.append(line)
            }
        }
        finish()
        guard !steps.isEmpty else {
            lost.append("\(file): convo \"\(name)\" skipped: no #me section")
            return
        }
        for item in Set(dropped).sorted() {
            lost.append("\(file): convo \"\(name)\": \(item) not checked")
        }
        goals[goalName(name)] = ImportedSuite.Goal(steps: steps)
        imported.append("\(file): convo \"\(name)\" → a scripted goal of \(steps.count) steps")
    }
}
