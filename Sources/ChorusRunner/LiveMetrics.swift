import ChorusModel
import ChorusScoring
import ChorusTargets
import Synchronization

/// A run's running counts, safe to read from other tasks while the run goes on: the progress
/// line and the Prometheus endpoint read them, the run's consumer loop writes them.
public final class LiveMetrics: Sendable {
    /// Upper bounds of the reply-latency histogram buckets, in milliseconds.
    public static let latencyBucketsMs: [Double] = [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]

    public struct Snapshot: Sendable, Equatable {
        /// Conversations the run plays (this process's share).
        public var planned = 0
        /// Conversations already stored before this process started (a resumed run).
        public var alreadyDone = 0
        public var conversations = 0
        public var outcomes = OutcomeCounts()
        public var turns = 0
        public var fallbackTurns = 0
        public var errors: [TargetErrorClass: Int] = [:]
        /// Cumulative counts per bucket of `latencyBucketsMs`, plus the total count and sum.
        public var latencyBuckets = [Int](repeating: 0, count: LiveMetrics.latencyBucketsMs.count)
        public var latencyCount = 0
        public var latencySumMs = 0.0
    }

    private let state: Mutex<Snapshot>

    public init(planned: Int, alreadyDone: Int = 0) {
        state = Mutex(Snapshot(planned: planned, alreadyDone: alreadyDone))
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    public func record(_ record: ConversationRecord) {
        state.withLock { s in
            s.conversations += 1
            s.outcomes[record.outcome] += 1
            s.turns += record.turns.count
            for turn in record.turns {
                if turn.fallback { s.fallbackTurns += 1 }
                if let error = turn.error {
                    s.errors[error, default: 0] += 1
                    continue
                }
                s.latencyCount += 1
                s.latencySumMs += turn.latencyMs
                if let bucket = LiveMetrics.latencyBucketsMs.firstIndex(where: { turn.latencyMs <= $0 }) {
                    s.latencyBuckets[bucket] += 1
                }
            }
        }
    }

    /// The counts in Prometheus' text exposition format.
    public func prometheusText() -> String {
        let s = snapshot
        var out =
            "# HELP chorus_conversations_total Conversations finished, by outcome.\n# TYPE chorus_conversations_total counter\n"
        for outcome in Outcome.allCases {
            out += "chorus_conversations_total{outcome=\"\(outcome.rawValue)\"} \(s.outcomes[outcome])\n"
        }
        out +=
            "# HELP chorus_conversations_planned Conversations this run plays.\n# TYPE chorus_conversations_planned gauge\n"
        out += "chorus_conversations_planned \(s.planned)\n"
        out +=
            "# HELP chorus_turns_total User turns sent.\n# TYPE chorus_turns_total counter\nchorus_turns_total \(s.turns)\n"
        out +=
            "# HELP chorus_fallback_turns_total Bot replies recognised as fallbacks.\n# TYPE chorus_fallback_turns_total counter\n"
        out += "chorus_fallback_turns_total \(s.fallbackTurns)\n"
        out +=
            "# HELP chorus_errors_total Failed exchanges with the target, by class.\n# TYPE chorus_errors_total counter\n"
        for errorClass in TargetErrorClass.allCases {
            out += "chorus_errors_total{class=\"\(errorClass.rawValue)\"} \(s.errors[errorClass, default: 0])\n"
        }
        out +=
            "# HELP chorus_reply_latency_ms Bot reply latency in milliseconds.\n# TYPE chorus_reply_latency_ms histogram\n"
        var cumulative = 0
        for (bound, count) in zip(LiveMetrics.latencyBucketsMs, s.latencyBuckets) {
            cumulative += count
            out += "chorus_reply_latency_ms_bucket{le=\"\(Int(bound))\"} \(cumulative)\n"
        }
        out += "chorus_reply_latency_ms_bucket{le=\"+Inf\"} \(s.latencyCount)\n"
        out += "chorus_reply_latency_ms_sum \(s.latencySumMs)\nchorus_reply_latency_ms_count \(s.latencyCount)\n"
        return out
    }
}

/// Feeds a run's conversations into its `LiveMetrics`.
public final class LiveMetricsSink: RecordSink {
    public let metrics: LiveMetrics

    public init(metrics: LiveMetrics) {
        self.metrics = metrics
    }

    public func consume(_ record: ConversationRecord) async throws {
        metrics.record(record)
    }

    public func finish() async throws {}
}
