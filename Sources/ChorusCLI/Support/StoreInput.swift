import ArgumentParser
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

/// Opening the results database and finding runs in it, with clear messages.
enum StoreInput {
    static func open(_ path: String) throws -> ResultStore {
        guard FileSystem.exists(path) else {
            throw CommandFailure.badInput("no results database at \(path) (run `chorus run` first, or pass --db)")
        }
        // Reading needs no write access: a database Chorus may not write (or whose folder it may
        // not write, where SQLite keeps its journal) is opened read-only.
        let folder = (path as NSString).deletingLastPathComponent
        let writable = FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)
        return try ResultStore(path: path, readOnly: !writable)
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
