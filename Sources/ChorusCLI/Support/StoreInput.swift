import ChorusStore

/// Opening the results database and finding runs in it, with clear messages.
enum StoreInput {
    static func open(_ path: String) throws -> ResultStore {
        guard FileSystem.exists(path) else {
            throw CommandFailure.badInput("no results database at \(path) (run `chorus run` first, or pass --db)")
        }
        return try ResultStore(path: path)
    }

    static func run(_ name: String, in store: ResultStore) throws -> StoredRun {
        guard let run = try store.run(named: name) else {
            let recent = try store.runs().suffix(5).map(\.name)
            let hint = recent.isEmpty ? "" : " (recent runs: \(recent.joined(separator: ", ")))"
            throw CommandFailure.badInput("no run named \"\(name)\" in \(store.path)\(hint)")
        }
        return run
    }
}
