import ChorusScoring

/// The dialogue regressions of a diff in words, for the gate's details and the printed verdict:
/// which named dialogue failures rose, in which behaviours' conversations, and which behaviours'
/// completion fell.
extension BaselineDiff {
    /// The completion tolerance of the diff (the gate's `completion_rate.max_drop`, else 0).
    var completionTolerance: Double {
        metrics.first { $0.name == "completion_rate" }?.tolerance ?? 0
    }

    /// One line per dialogue failure whose rate regressed: `context_lost 2.0 % → 9.5 % (+7.5 pp
    /// [+4.1, +11.2]) in conversations with digression 40, plain 2`.
    public func dialogueFailureRegressions(_ current: Summary) -> [String] {
        dialogueFailures.filter(\.regression).map { delta in
            let name = String(delta.name.dropLast("_rate".count))
            let behaviours = current.dialogueFailures[name]?.behaviours ?? [:]
            return "\(name) \(Figures.rate(delta.baseline)) → \(Figures.rate(delta.current)) "
                + "(\(Figures.change(of: delta.name, delta.delta, low: delta.low, high: delta.high)))"
                + (behaviours.isEmpty ? "" : " in conversations with " + ReportFormat.behavioursHit(behaviours))
        }
    }

    /// The behaviours whose completion fell significantly (the interval of the drop excludes zero)
    /// by more than the completion tolerance: `digression 95.0 % → 60.0 % (-35.0 pp [-45.2, -24.1])`.
    public var behaviourDrops: [String] {
        behaviours.sorted { $0.key < $1.key }.compactMap { name, shift in
            guard let change = shift.completionChange, change.high < 0, -change.delta > completionTolerance else {
                return nil
            }
            return "\(name) \(Figures.rate(change.baseline)) → \(Figures.rate(change.current)) "
                + "(\(Figures.points(change.delta)) \(Figures.interval(change.low, change.high, signed: true)))"
        }
    }
}
