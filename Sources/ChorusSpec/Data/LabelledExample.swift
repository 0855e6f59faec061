import ChorusModel
import Foundation

/// One labelled utterance from a data file: the text exactly as written, its intent, and the
/// slot values a correct bot extracts from it.
public struct LabelledExample: Sendable, Equatable {
    public var text: String
    public var intent: String
    /// Expected slots, in the order the text mentions them.
    public var slots: [Entity]
    /// The entity markup the text came from (Rasa NLU), which says where the slot values are.
    public var annotated: AnnotatedText?

    public init(text: String, intent: String, slots: [Entity] = [], annotated: AnnotatedText? = nil) {
        self.text = text
        self.intent = intent
        self.slots = slots
        self.annotated = annotated
    }
}

/// The examples of one data source, in file order.
public struct LabelledSource: Sendable, Equatable {
    public var source: DataSource
    /// The path the examples were read from, as diagnostics show it.
    public var path: String
    public var examples: [LabelledExample]
    /// Identifies the file's content, for the suite's content hash.
    var fingerprint = Data()

    public init(source: DataSource, path: String, examples: [LabelledExample]) {
        self.source = source
        self.path = path
        self.examples = examples
    }
}
