import ChorusSpec

/// An intent prepared for turns: its replies parsed once, its form compiled, and the part it
/// plays in a dialogue.
struct CompiledIntent: Sendable {
    /// What a message of the intent does, above all inside a form.
    enum Role: Sendable, Equatable {
        /// Hands the conversation to a human.
        case handoff
        /// Starts (or switches to) its form.
        case form
        /// Says goodbye: the reply ends any form.
        case closing
        /// Answers the form's question: a bare value (`inform`), a yes or a no.
        case answer
        /// Anything else with a reply (small talk, another FAQ, out of scope): inside a form it
        /// is a digression, answered before the form resumes.
        case question
    }

    let name: String
    let role: Role
    let replies: [Template]
    let form: CompiledForm?

    init(name: String, _ intent: IntentDefinition, definition: BotDefinition) {
        self.name = name
        replies = (intent.replies ?? []).map(Template.init)
        form = intent.form.map { CompiledForm(intent: name, $0) }
        let answers = [ReferenceBot.informIntent, definition.confirmation?.affirm, definition.confirmation?.deny]
        if name == definition.handoff.intent {
            role = .handoff
        } else if form != nil {
            role = .form
        } else if intent.closes == true {
            role = .closing
        } else if answers.contains(name) {
            role = .answer
        } else {
            role = .question
        }
    }
}
