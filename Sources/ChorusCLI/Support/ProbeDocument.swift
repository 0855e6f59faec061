import ChorusModel

/// `chorus probe --format json`: schema `chorus.probe/1`. `target` (kind, name, detail), `sent`,
/// `ok`, and either `reply` (texts, raw, intent, confidence, entities as `[{name, value}]`,
/// handoff; each null when the target does not expose it) or `error` (kind and detail).
struct ProbeDocument: Encodable {
    var target: TargetInfo
    var sent: String
    var outcome: Result<BotReply, TargetError>

    enum Keys: String, CodingKey { case schema, target, sent, ok, reply, error }
    enum ReplyKeys: String, CodingKey { case texts, raw, intent, confidence, entities, handoff }
    enum ErrorKeys: String, CodingKey { case kind, detail }

    struct Pair: Encodable {
        var name: String
        var value: String
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("chorus.probe/1", forKey: .schema)
        try c.encode(target, forKey: .target)
        try c.encode(sent, forKey: .sent)
        switch outcome {
        case .success(let reply):
            try c.encode(true, forKey: .ok)
            var r = c.nestedContainer(keyedBy: ReplyKeys.self, forKey: .reply)
            try r.encode(reply.texts, forKey: .texts)
            try r.encode(reply.raw, forKey: .raw)
            try r.encode(reply.intent, forKey: .intent)
            try r.encode(reply.confidence, forKey: .confidence)
            try r.encode(reply.entities.map { $0.map { Pair(name: $0.name, value: $0.value) } }, forKey: .entities)
            try r.encode(reply.handoff, forKey: .handoff)
        case .failure(let error):
            try c.encode(false, forKey: .ok)
            var e = c.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            try e.encode(error.kind.rawValue, forKey: .kind)
            try e.encode(error.detail, forKey: .detail)
        }
    }
}
