import ArgumentParser
import ChorusSpec
import ChorusStore

/// Commands that talk to a target name its files, so the executable can choose where
/// conversations run before anything starts.
protocol TargetCommand {
    var targetPaths: [String] { get }
}

extension RunCommand: TargetCommand {
    /// The target file, or for `--resume` the stored run's.
    var targetPaths: [String] {
        if let target { return [target] }
        guard let resume, FileSystem.exists(options.db), let store = try? ResultStore(path: options.db),
            let run = try? StoreInput.run(resume, in: store)
        else { return [] }
        return [run.targetPath]
    }
}

extension CompareCommand: TargetCommand {
    var targetPaths: [String] { target }
}

extension ReplayCommand: TargetCommand {
    var targetPaths: [String] { [target] }
}

extension ProbeCommand: TargetCommand {
    var targetPaths: [String] { [target] }
}

extension ChorusCommand {
    /// Whether `command` talks to a network or process target. Such runs are faster with
    /// conversations on the network event loops (no thread hop per reply); runs on the embedded
    /// bot are faster on Swift's own pool, whose scheduling of many small jobs is cheaper.
    public static func talksToNetwork(_ command: any ParsableCommand) -> Bool {
        guard let command = command as? any TargetCommand else { return false }
        return command.targetPaths.contains { path in
            // A file that does not load is reported later, by the command itself.
            guard let loaded = try? TargetLoader.load(path: path) else { return false }
            return loaded.config.kind != .reference
        }
    }
}
