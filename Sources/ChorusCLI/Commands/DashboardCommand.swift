import ArgumentParser
import ChorusServer
import ChorusStore

/// `chorus dashboard --db results.sqlite`: the results database as a read-only web application
/// on 127.0.0.1 (suites and verdicts, trends, runs, diffs, failure clusters, conversation
/// search), until SIGINT or SIGTERM.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Serve a read-only dashboard over the results database.",
        discussion: """
            The database is opened read-only: the dashboard never writes to it, and serves it while runs \
            write to it. It binds 127.0.0.1 unless --host says otherwise; it has no login, so bind another \
            address only on a network you trust.
            """)

    @OptionGroup var database: StoreOptions

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, parsing: .unconditional, help: "The port to listen on (0 picks a free one and prints it).")
    var port: Int = 8080

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            guard FileSystem.exists(database.db) else {
                throw CommandFailure.badInput(
                    "no results database at \(database.db) (run `chorus run` first, or pass --db)")
            }
            let store = try ResultStore(path: database.db, readOnly: true)
            let dashboard = Dashboard(store: store, chorusVersion: ChorusVersion.current)
            let host = host
            do {
                try await dashboard.run(host: host, port: port) { bound in
                    Console.out("dashboard of \(store.path) on http://\(host):\(bound)/")
                }
            } catch {
                throw CommandFailure(kind: .badInput, message: "cannot serve on \(host):\(port): \(error)")
            }
        }
    }
}
