/// What one message did to the active form: the slots it filled, the filled slots it gave a
/// new value for, and a malformed value it carried for a slot.
struct FormUpdate {
    /// How many missing slots the message filled.
    var filled = 0
    /// Bit `i` set: slot `i` of the form was filled by this message.
    var filledSlots: UInt64 = 0
    /// Bit `i` set: entity `i` of the message was used for a slot.
    var usedEntities: UInt64 = 0
    /// Indices of the form's slots that the message gave a different value for (applied or
    /// not, by the policy).
    var corrected: [Int] = []
    /// A slot (by index) and the malformed value the message gave for it.
    var invalid: (slot: Int, value: String)?

    /// Whether the message did nothing to the form.
    var isEmpty: Bool { filled == 0 && corrected.isEmpty && invalid == nil }
}
