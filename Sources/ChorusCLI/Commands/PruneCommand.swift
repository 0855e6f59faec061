import ArgumentParser
import ChorusStore
import Foundation

/// `chorus prune --older-than 30d | --run NAME… [--vacuum]`: deletes stored runs with their
/// conversations and turns, for retention and for erasure requests.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete stored runs (with their conversations and turns) by age or by name.",
        discussion:
            "With --vacuum the database file is compacted afterwards, so the deleted texts are gone from disk too.")

    @Option(
        name: .long, parsing: .unconditional,
        help: "Delete the runs that started longer ago than this: 90s, 5m, 12h, 30d.")
    var olderThan: DurationOption?

    @Option(name: .long, parsing: .upToNextOption, help: "Delete these runs, by name.")
    var run: [String] = []

    @Flag(name: .long, help: "Compact the database afterwards (VACUUM), so deleted texts leave the file.")
    var vacuum = false

    @OptionGroup var database: StoreOptions

    /// The present time, injected so tests decide which runs are old.
    var now: @Sendable () -> Date = { Date() }

    enum CodingKeys: CodingKey { case olderThan, run, vacuum, database }

    func validate() throws {
        if olderThan == nil, run.isEmpty {
            throw ValidationError("give --older-than DURATION (e.g. 30d) or --run NAME…")
        }
        if olderThan != nil, !run.isEmpty { throw ValidationError("give --older-than or --run, not both") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try database.open()
            var doomed: [StoredRun] = []
            if let olderThan {
                let cutoff = now().addingTimeInterval(-Double(olderThan.seconds))
                doomed = try store.runs(startedBefore: ISO8601DateFormatter().string(from: cutoff))
            }
            for name in run {
                doomed.append(try StoreInput.run(name, in: store))
            }
            let conversations = try store.deleteRuns(ids: doomed.map(\.id))
            if vacuum { try store.vacuum() }
            Console.out(
                "deleted \(doomed.count) run\(doomed.count == 1 ? "" : "s") and \(conversations) conversation\(conversations == 1 ? "" : "s") from \(database.db)"
                    + (vacuum ? "; vacuumed" : ""))
        }
    }
}
