import ChorusReferenceBot
import Testing

@testable import ChorusServer

@Suite struct ConversationStoreTests {
    private func entry(turns: Int) -> ConversationStore.Entry {
        var entry = ConversationStore.Entry()
        entry.state.turnCount = turns
        return entry
    }

    @Test func rememberedConversationsAreBoundedAndIdleOnesForgottenFirst() {
        let store = ConversationStore(capacity: 4)
        store.store(entry(turns: 1), for: "a")
        store.store(entry(turns: 1), for: "b")
        // "a" speaks again: it moves to the young generation and survives the next turnover.
        store.store(entry(turns: 2), for: "a")
        store.store(entry(turns: 1), for: "c")
        store.store(entry(turns: 1), for: "d")
        #expect(store.count <= 4)
        #expect(store.entry("b").state.turnCount == 0, "idle for a whole generation: forgotten")
        #expect(store.entry("d").state.turnCount == 1)
        for key in (0..<100).map({ "k\($0)" }) { store.store(entry(turns: 1), for: key) }
        #expect(store.count <= 4)
    }
}
