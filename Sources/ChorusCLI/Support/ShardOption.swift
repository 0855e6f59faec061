import ChorusRunner
import Foundation

/// `--shard K/N`, or `--shards N` with K from `JOB_COMPLETION_INDEX` (Kubernetes Indexed Jobs).
enum ShardOption {
    static func resolve(shard: String?, shards: Int?) throws -> RunPlan.Shard {
        if let shard { return try parse(shard) }
        guard let shards else { return .whole }
        guard let value = ProcessInfo.processInfo.environment["JOB_COMPLETION_INDEX"], let index = Int(value) else {
            throw CommandFailure.badInput("--shards needs JOB_COMPLETION_INDEX in the environment (or use --shard K/N)")
        }
        guard (0..<shards).contains(index) else {
            throw CommandFailure.badInput("JOB_COMPLETION_INDEX=\(index) is not below --shards \(shards)")
        }
        return RunPlan.Shard(index: index, count: shards)
    }

    static func parse(_ text: String?) throws -> RunPlan.Shard {
        guard let text else { return .whole }
        guard let shard = RunPlan.Shard(parsing: text) else {
            throw CommandFailure.badInput("invalid shard \"\(text)\"")
        }
        return shard
    }
}
