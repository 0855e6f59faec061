/// Receives a run's conversations, one at a time and in index order, from the run's single
/// consumer loop — so a sink needs no locks.
public protocol RecordSink: AnyObject {
    func consume(_ record: ConversationRecord) async throws
    /// Called once when the run ends (normally or not), to flush what is buffered.
    func finish() async throws
}
