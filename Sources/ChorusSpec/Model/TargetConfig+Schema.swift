extension TargetConfig {
    /// The shape of a target file; keys are exactly the model's `CodingKey`s.
    public static let schema = SchemaNode.object(
        SchemaObject(
            noun: "target",
            description: "Which chatbot Chorus talks to.",
            properties: [
                SchemaProperty("kind", .enumeration(TargetKind.allCases.map(\.rawValue)), required: true, "The kind of target."),
                SchemaProperty("name", .string, "A human-readable name for reports (default: the file's name)."),
                SchemaProperty("bot", .string, "reference: path of the bot definition, relative to the target file."),
            ]))
}
