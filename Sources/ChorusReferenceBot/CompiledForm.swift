import ChorusSpec

/// A form prepared for turns: every reply parsed once, each slot with the entity filling it.
struct CompiledForm: Sendable {
    struct Slot: Sendable {
        let name: String
        let entity: String
        let ask: [Template]
        /// The acknowledgement of a corrected value; empty: none.
        let changed: [Template]
    }

    let intent: String
    let slots: [Slot]
    /// The confirmation question; empty when the form acts without one.
    let confirm: [Template]
    let done: [Template]

    init(intent: String, _ form: FormDefinition) {
        self.intent = intent
        slots = form.slots.map {
            Slot(
                name: $0.name, entity: $0.entity ?? $0.name, ask: $0.ask.map(Template.init),
                changed: ($0.changed ?? []).map(Template.init))
        }
        confirm = (form.confirm ?? []).map(Template.init)
        done = form.done.map(Template.init)
    }

    /// The first slot without a value in `slots`.
    func firstMissing(in slots: [String: String]) -> Slot? {
        self.slots.first { slots[$0.name] == nil }
    }
}
