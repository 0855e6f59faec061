import ChorusModel
import ChorusScoring
import ChorusSpec

/// Writes one JSON object per conversation (JSON Lines), in conversation order:
/// `{"conversation", "repeat", "persona", "goal", "outcome", "goals": [{"name", "outcome", "turns",
/// "values", "confirmed"}], "behaviours", "turns": [{"user", "act", "goal", "expected_intent",
/// "predicted_intent", "confidence", "expected_slots", "entities", "fallback", "handoff", "bot",
/// "latency_ms", "error", "dialogue_failures", …}]}` — everything the summary's metrics are
/// computed from (see the README's "Metric definitions").
public final class TranscriptSink: RecordSink {
    private let file: OutputFile
    private var buffer = ""
    private var pending = 0

    /// With `append`, adds to an existing file (a resumed run).
    public init(path: String, append: Bool = false) throws(OutputFileError) {
        file = try OutputFile(path: path, append: append)
        buffer.reserveCapacity(1 << 16)
    }

    public func consume(_ record: ConversationRecord) async throws {
        Self.append(record, to: &buffer)
        buffer.append("\n")
        pending += 1
        if buffer.utf8.count >= 1 << 16 {
            file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    public func finish() async throws {
        file.write(buffer)
        buffer.removeAll()
        file.close()
    }

    /// One conversation as a JSON object (no newline).
    public static func line(_ record: ConversationRecord) -> String {
        var out = ""
        append(record, to: &out)
        return out
    }

    static func append(_ record: ConversationRecord, to out: inout String) {
        out.append("{\"conversation\":\(record.index),\"repeat\":\(record.repeatIndex),\"persona\":")
        JSONText.appendString(record.persona, to: &out)
        out.append(",\"goal\":")
        JSONText.appendString(record.goal, to: &out)
        out.append(",\"outcome\":\"\(record.outcome.rawValue)\",\"goals\":[")
        for (position, goal) in record.goals.enumerated() {
            if position > 0 { out.append(",") }
            out.append("{\"name\":")
            JSONText.appendString(goal.name, to: &out)
            out.append(",\"outcome\":\"\(goal.outcome.rawValue)\",\"turns\":\(goal.turns),\"values\":")
            appendEntities(goal.values, to: &out)
            out.append(",\"confirmed\":")
            appendEntities(goal.confirmed, to: &out)
            out.append("}")
        }
        out.append("],\"behaviours\":")
        appendNames(record.behaviours, to: &out)
        out.append(",\"turns\":[")
        for (number, turn) in record.turns.enumerated() {
            if number > 0 { out.append(",") }
            out.append("{\"user\":")
            JSONText.appendString(turn.user, to: &out)
            out.append(",\"act\":")
            JSONText.appendOptionalString(turn.act?.rawValue, to: &out)
            out.append(",\"goal\":\(turn.goal)")
            out.append(",\"expected_intent\":")
            JSONText.appendOptionalString(turn.expectedIntent, to: &out)
            out.append(",\"predicted_intent\":")
            JSONText.appendOptionalString(turn.predictedIntent, to: &out)
            out.append(",\"confidence\":")
            if let confidence = turn.confidence {
                JSONText.appendNumber(confidence, to: &out)
            } else {
                out.append("null")
            }
            out.append(",\"expected_slots\":")
            appendEntities(turn.expectedSlots, to: &out)
            out.append(",\"entities\":")
            if let entities = turn.entities { appendEntities(entities, to: &out) } else { out.append("null") }
            out.append(turn.fallback ? ",\"fallback\":true" : ",\"fallback\":false")
            out.append(turn.handoff ? ",\"handoff\":true" : ",\"handoff\":false")
            out.append(",\"bot\":")
            appendStrings(turn.bot, to: &out)
            out.append(",\"latency_ms\":")
            JSONText.appendNumber(turn.latencyMs, decimals: 3, to: &out)
            out.append(",\"error\":")
            JSONText.appendOptionalString(turn.error?.rawValue, to: &out)
            out.append(",\"dialogue_failures\":")
            appendNames(turn.dialogueFailures, to: &out)
            if let detail = turn.errorDetail {
                out.append(",\"error_detail\":")
                JSONText.appendString(detail, to: &out)
            }
            if !turn.failures.isEmpty {
                out.append(",\"failures\":")
                appendStrings(turn.failures, to: &out)
            }
            out.append("}")
        }
        out.append("]}")
    }

    private static func appendStrings(_ strings: [String], to out: inout String) {
        out.append("[")
        for (position, text) in strings.enumerated() {
            if position > 0 { out.append(",") }
            JSONText.appendString(text, to: &out)
        }
        out.append("]")
    }

    private static func appendNames<Name: RawRepresentable<String>>(_ names: [Name], to out: inout String) {
        appendStrings(names.map(\.rawValue), to: &out)
    }

    private static func appendEntities(_ entities: [Entity], to out: inout String) {
        out.append("{")
        for (position, entity) in entities.enumerated() {
            if position > 0 { out.append(",") }
            JSONText.appendString(entity.name, to: &out)
            out.append(":")
            JSONText.appendString(entity.value, to: &out)
        }
        out.append("}")
    }
}
