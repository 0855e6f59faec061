import ArgumentParser
import ChorusModel
import ChorusStore
import Foundation

/// `--db`, for the commands that read stored runs.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    func open() throws -> ResultStore {
        try StoreInput.open(db)
    }
}

/// `--label`, for the listings that show only the runs carrying given labels.
struct LabelFilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Only the runs with this label, e.g. bot=v2; commit=<prefix>, branch= and dirty= read the git revision (repeatable)."
    )
    var label: [String] = []

    /// The labels' pairs; a malformed one is a usage error.
    func filters() throws -> [(key: String, value: String)] {
        try LabelOption.filters(label)
    }
}

/// Opening the results database and finding runs in it, with clear messages.
enum StoreInput {
    static func open(_ path: String) throws -> ResultStore {
        guard FileSystem.exists(path) else {
            throw CommandFailure.badInput("no results database at \(path) (run `chorus run` first, or pass --db)")
        }
        // Reading needs no write access: a database Chorus may not write (or whose folder it may
        // not write, where SQLite keeps its journal) is opened read-only.
        let folder = (path as NSString).deletingLastPathComponent
        let writable =
            FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)
        return try ResultStore(path: path, readOnly: !writable)
    }

    /// The run `reference` names (its name, a unique prefix, `latest` or `latest~N`), among the
    /// runs carrying every label of `labels` (`key=value`).
    static func run(_ reference: String, in store: ResultStore, labels: [String] = []) throws -> StoredRun {
        let filters = try LabelOption.filters(labels)
        let runs = try store.runs().filter { $0.labels.matches(filters) }
        let among = filters.isEmpty ? "" : " among the runs labelled \(labels.joined(separator: ", "))"
        switch RunReference.resolve(reference, in: runs) {
        case .found(let run):
            return run
        case .ambiguous(let names):
            let shown = names.suffix(5).joined(separator: ", ")
            throw CommandFailure.badInput(
                "\"\(reference)\" is the start of \(names.count) runs' names\(among) (\(names.count > 5 ? "latest: " : "")\(shown)); type more of the name"
            )
        case .malformed(let problem):
            throw CommandFailure.badInput(problem)
        case .notFound:
            let recent = runs.suffix(5).map(\.name)
            let hint = recent.isEmpty ? "" : " (recent runs: \(recent.joined(separator: ", ")))"
            throw CommandFailure.badInput("no run named \"\(reference)\"\(among) in \(store.path)\(hint)")
        }
    }
}

/// `--label key=value`, given to a run to record, or to a listing to filter by.
enum LabelOption {
    /// The pairs of `--label` options; a malformed one is a usage error.
    static func filters(_ options: [String]) throws -> [(key: String, value: String)] {
        try options.map { text in
            guard let pair = RunLabels.parse(text) else {
                throw CommandFailure.badInput("--label takes key=value (a key without spaces), got \"\(text)\"")
            }
            return pair
        }
    }

    /// The labels to record with a run (a later `--label` of the same key wins).
    static func labels(_ options: [String]) throws -> [String: String] {
        Dictionary(try filters(options).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }
}
