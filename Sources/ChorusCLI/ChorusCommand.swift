import ArgumentParser

/// The `chorus` command: simulate synthetic users against a chatbot, score, store and gate.
public struct ChorusCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Conversation simulation and regression testing for chatbots.",
        discussion: """
            Exit codes: 0 pass, 1 the gate failed, 2 bad input or usage, 3 the target could not be \
            reached or errors exceeded the allowed share, 130 interrupted (resumable with `chorus run --resume`).
            """,
        version: ChorusVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, ReplayCommand.self, CompareCommand.self, DiffCommand.self,
            RunsCommand.self, ShowCommand.self, ReportCommand.self, BaselineCommand.self, HistoryCommand.self,
            MergeCommand.self,
            ServeBotCommand.self, ProbeCommand.self, ImportCommand.self, InitCommand.self, PruneCommand.self,
            WatchCommand.self,
            DashboardCommand.self,
        ]
    )

    public init() {}
}

/// The version of Chorus, recorded with every run.
public enum ChorusVersion {
    public static let current = "0.1.0"
}
