import ChorusSpec
import Foundation
import Yams

extension State {
    /// Rasa test stories (`stories:`, steps `user`/`intent`/`action`/`slot_was_set`) or end-to-end
    /// test cases (`test_cases:`, steps `user`/`bot`/`utter`/`slot_was_set`): each one a scripted
    /// goal whose user steps expect their intent and entities, and the bot's texts as replies.
    mutating func rasaStories(_ file: String, key: String, item noun: String) throws(SpecError) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw SpecError([Diagnostic(file: file, line: 0, column: 0, message: "cannot read file as UTF-8 text")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SpecError([Diagnostic(file: file, line: 0, column: 0, message: "malformed YAML: \(error)")])
        }
        var count = 0
        for entry in root?.mapping?[key]?.sequence ?? [] {
            let name = entry.mapping?[noun]?.scalar?.string ?? "\(noun) at line \(entry.mark?.line ?? 0)"
            let at = "\(file):\(entry.mark?.line ?? 0)"
            var steps: [ImportedSuite.Step] = []
            var unplayable: String?
            var dropped: [String: Int] = [:]
            for step in entry.mapping?["steps"]?.sequence ?? [] {
                guard let fields = step.mapping else {
                    dropped["\(step.scalar?.string ?? "step")", default: 0] += 1
                    continue
                }
                if let user = fields["user"]?.scalar?.string {
                    let annotated = AnnotatedText(markup: user.trimmingCharacters(in: .newlines))
                    var expectation = Expectation(intent: fields["intent"]?.scalar?.string)
                    var slots: [String: String] = [:]
                    for entity in annotated.entities { slots[entity.name] = entity.value }
                    for (name, value) in Self.pairs(fields["entities"]) { slots[name] = value }
                    if !slots.isEmpty { expectation.slots = slots }
                    steps.append(
                        ImportedSuite.Step(user: [annotated.text], expect: expectation.isEmpty ? nil : expectation))
                    dropped["role or group", default: 0] += annotated.unused.count
                } else if let intent = fields["intent"]?.scalar?.string {
                    unplayable = "intent \"\(intent)\" has no user text to say"
                } else if let bot = fields["bot"]?.scalar?.string, !steps.isEmpty {
                    var expectation = steps[steps.count - 1].expect ?? Expectation()
                    if expectation.reply == nil {
                        expectation.reply =
                            "^"
                            + NSRegularExpression.escapedPattern(
                                for: bot.trimmingCharacters(in: .whitespacesAndNewlines)) + "$"
                    } else {
                        dropped["second bot text after one user turn", default: 0] += 1
                    }
                    steps[steps.count - 1].expect = expectation
                } else if let slotsNode = fields["slot_was_set"], !steps.isEmpty {
                    // Checked as entities the target extracted from the user turn before it.
                    let pairs = Self.pairs(slotsNode)
                    var expectation = steps[steps.count - 1].expect ?? Expectation()
                    var slots = expectation.slots ?? [:]
                    for (name, value) in pairs { slots[name] = value }
                    if !slots.isEmpty { expectation.slots = slots }
                    steps[steps.count - 1].expect = expectation
                    let unnamed = (slotsNode.sequence ?? []).filter { $0.scalar != nil }.count
                    if unnamed > 0 { dropped["slot_was_set without a value", default: 0] += unnamed }
                } else {
                    let kind =
                        ["action", "utter", "active_loop", "checkpoint", "or", "bot", "slot_was_set"].first {
                            fields[$0] != nil
                        } ?? "step"
                    dropped[kind, default: 0] += 1
                }
            }
            if let unplayable {
                lost.append("\(at): \(noun) \"\(name)\" skipped: \(unplayable) (Chorus plays what a user types)")
                continue
            }
            guard !steps.isEmpty else {
                lost.append("\(at): \(noun) \"\(name)\" skipped: no user turn")
                continue
            }
            for kind in dropped.keys.sorted() where dropped[kind]! > 0 {
                lost.append(
                    "\(at): \(noun) \"\(name)\": not checked: \(dropped[kind]!) × \(kind) (a suite checks reply texts, intents and entities)"
                )
            }
            goals[goalName(name)] = ImportedSuite.Goal(steps: steps)
            count += 1
        }
        let plural = noun == "story" ? (count == 1 ? "story" : "stories") : (count == 1 ? "test case" : "test cases")
        imported.append("\(file): \(count) \(plural) → scripted goals")
    }

    /// `[{name: value}, …]` or `{name: value}` as pairs; names without values are left out.
    static func pairs(_ node: Node?) -> [(String, String)] {
        var pairs: [(String, String)] = []
        let mappings = node?.sequence?.compactMap(\.mapping) ?? node?.mapping.map { [$0] } ?? []
        for mapping in mappings {
            for (key, value) in mapping {
                if let name = key.scalar?.string, let text = value.scalar?.string { pairs.append((name, text)) }
            }
        }
        return pairs
    }
}

extension Expectation {
    var isEmpty: Bool { intent == nil && slots == nil && notFallback == nil && reply == nil }
}
