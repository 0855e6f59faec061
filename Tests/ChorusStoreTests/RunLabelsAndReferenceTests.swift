import ChorusModel
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@testable import ChorusStore

private func stored(_ name: String, labels: RunLabels = RunLabels()) -> StoredRun {
    StoredRun(
        name: name, suite: "shop", suiteHash: "abc", suitePath: "Scenarios/shop", targetPath: "t.yaml",
        target: TargetInfo(kind: "reference", name: "acme", detail: "bot.yaml"), seed: 1, conversations: 10,
        chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z", labels: labels)
}

@Suite struct RunLabelsAndReferenceTests {
    @Test func labelsAndTheGitRevisionRoundTripThroughTheStore() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let git = GitRevision(commit: "0123456789abcdef0123456789abcdef01234567", branch: "main", dirty: true)
        let labelled = try store.createRun(
            stored("a", labels: RunLabels(labels: ["bot": "v2", "model": "small ✓"], git: git)))
        let detached = try store.createRun(
            stored("b", labels: RunLabels(git: GitRevision(commit: "ffff", branch: nil, dirty: false))))
        let plain = try store.createRun(stored("c"))
        let read = try store.runs()
        #expect(read == [labelled, detached, plain])
        #expect(read[0].labels.text == "bot=v2 · model=small ✓ · 0123456789ab (main, dirty)")
        #expect(read[1].labels.git?.branch == nil)
        #expect(read[2].labels.isEmpty)
    }

    @Test func aDamagedLabelsColumnIsAnError() throws {
        let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
        let store = try ResultStore(path: path)
        _ = try store.createRun(stored("a"))
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE run SET labels = '[\"bot\"]'") }
        #expect(throws: StoreError.self) { try store.runs() }
    }

    @Test func labelFiltersReadLabelsAndTheGitRevision() {
        let labels = RunLabels(
            labels: ["bot": "v2"], git: GitRevision(commit: "abcdef123", branch: "main", dirty: false))
        #expect(labels.matches([]))
        #expect(labels.matches([("bot", "v2")]))
        #expect(!labels.matches([("bot", "v1")]))
        #expect(labels.matches([("commit", "abcd"), ("branch", "main"), ("dirty", "false")]))
        #expect(!labels.matches([("commit", "")]))
        #expect(!labels.matches([("commit", "bcd")]))
        #expect(!labels.matches([("model", "x")]))
        #expect(RunLabels(labels: ["commit": "mine"]).matches([("commit", "mine")]))
    }

    @Test(arguments: [
        ("bot=v2", "bot", "v2"), ("empty=", "empty", ""), ("url=a=b", "url", "a=b"),
    ])
    func labelsParse(text: String, key: String, value: String) throws {
        let pair = try #require(RunLabels.parse(text))
        #expect(pair.key == key && pair.value == value)
    }

    @Test(arguments: ["novalue", "=v", "two words=x"])
    func malformedLabelsAreRefused(text: String) {
        #expect(RunLabels.parse(text) == nil)
    }

    @Test func referencesResolveByNamePrefixAndPosition() {
        let runs = ["shop-20260101-a1", "shop-20260102-b2", "shop-20260102-c3", "shop"].map { stored($0) }
        #expect(RunReference.resolve("latest", in: runs) == .found(runs[3]))
        #expect(RunReference.resolve("latest~0", in: runs) == .found(runs[3]))
        #expect(RunReference.resolve("latest~2", in: runs) == .found(runs[1]))
        #expect(RunReference.resolve("latest~4", in: runs) == .notFound)
        #expect(RunReference.resolve("shop-20260101", in: runs) == .found(runs[0]))
        #expect(RunReference.resolve("shop-20260102", in: runs) == .ambiguous([runs[1].name, runs[2].name]))
        // A full name wins over being the prefix of others.
        #expect(RunReference.resolve("shop", in: runs) == .found(runs[3]))
        #expect(RunReference.resolve("zzz", in: runs) == .notFound)
        #expect(RunReference.resolve("", in: runs) == .notFound)
        #expect(RunReference.resolve("latest", in: []) == .notFound)
        if case .malformed = RunReference.resolve("latest~x", in: runs) {
        } else {
            Issue.record("latest~x must be malformed")
        }
        if case .malformed = RunReference.resolve("latest~-1", in: runs) {
        } else {
            Issue.record("latest~-1 must be malformed")
        }
    }
}
