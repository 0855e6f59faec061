import Foundation

/// The one formatting of every figure Chorus shows — in the text summary, report.md, report.html,
/// junit.xml, the gate's rule details and the commands' printed verdicts — so the same figure of
/// the same run reads the same everywhere (never 93.8 % in one view and 93.9 % in another, never
/// "pt" in one and "pp" in another).
///
/// Rounding is half away from zero on the value (`Double.rounded(toPlaces:)`), then printed with
/// the POSIX locale's decimal point. A proportion prints as a percentage with one decimal
/// (`93.8 %`), a change of a proportion in percentage points with a sign (`-1.2 pp`), an
/// interval in brackets in the same unit as what it bounds (`[68.3, 73.9]`, `[-2.0, -0.4]`).
public enum Figures {
    /// What a named figure measures, which decides how it prints.
    public enum Unit: Sendable, Equatable {
        /// A rate, 0…1, printed as a percentage; its changes in percentage points.
        case proportion
        /// An intent's precision, recall or F1, 0…1, printed with three decimals.
        case score
        /// Milliseconds (`latency_p95_ms`).
        case milliseconds
        /// User turns (`turns_to_success_p95`).
        case turns
    }

    /// The unit of a figure by its stable name: `latency_p95_ms` is milliseconds,
    /// `turns_to_success_p95` turns, an intent figure (`refund.recall`) a score, the rest rates.
    public static func unit(of name: String) -> Unit {
        if name.hasSuffix("_ms") { return .milliseconds }
        if name.hasPrefix("turns_") { return .turns }
        if name.contains(".") || name == "intent_f1" { return .score }
        return .proportion
    }

    /// Fixed-point with `places` decimals, rounded half away from zero; `-0.0` prints as `0.0`.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(places)f", value.rounded(toPlaces: places))
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
            ? String(text.dropFirst()) : text
    }

    /// A signed fixed-point number: `+1.5`, `-0.3`, `0.0` (no sign when it rounds to zero).
    public static func signed(_ value: Double, _ places: Int) -> String {
        let text = fixed(value, places)
        return value > 0 && text != fixed(0, places) ? "+" + text : text
    }

    /// A proportion as a percentage number with one decimal, without the unit: `0.7123` → `71.2`.
    public static func percent(_ proportion: Double) -> String {
        fixed(proportion * 100, 1)
    }

    /// A rate: `71.2 %`.
    public static func rate(_ proportion: Double) -> String {
        percent(proportion) + " %"
    }

    /// A change of a proportion in percentage points: `+1.5 pp`, `-8.1 pp`, `0.0 pp`.
    public static func points(_ delta: Double) -> String {
        signed(delta * 100, 1) + " pp"
    }

    /// A 95% interval of a proportion (`signed: false`, percentages: `[68.3, 73.9]`) or of a
    /// change of one (`signed: true`, percentage points: `[-11.0, -5.2]`).
    public static func interval(_ low: Double, _ high: Double, signed isSigned: Bool = false) -> String {
        isSigned
            ? "[\(signed(low * 100, 1)), \(signed(high * 100, 1))]"
            : "[\(percent(low)), \(percent(high))]"
    }

    /// A score (precision, recall, F1): `0.861`.
    public static func score(_ value: Double) -> String {
        fixed(value, 3)
    }

    /// Milliseconds with about three significant digits (without the unit).
    public static func milliseconds(_ value: Double) -> String {
        let magnitude = abs(value)
        return fixed(value, magnitude < 1 ? 3 : magnitude < 100 ? 2 : magnitude < 10_000 ? 1 : 0)
    }

    /// A p-value: `0.031`, `< 0.001`.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : fixed(p, 3)
    }

    /// A named figure's value in its unit: `93.8 %`, `0.861`, `12.5 ms`, `4 turns`.
    public static func value(of name: String, _ value: Double) -> String {
        switch unit(of: name) {
        case .proportion: rate(value)
        case .score: score(value)
        case .milliseconds: milliseconds(value) + " ms"
        case .turns: turns(value)
        }
    }

    /// A named figure's change in its unit, without an interval: `-8.1 pp`, `-0.081`, `+12.0 ms`.
    public static func delta(of name: String, _ delta: Double) -> String {
        switch unit(of: name) {
        case .proportion: points(delta)
        case .score: signed(delta, 3)
        case .milliseconds: (delta > 0 ? "+" : "") + milliseconds(delta) + " ms"
        case .turns: signed(delta, 1) + " turns"
        }
    }

    /// A named figure's change with its 95% interval when it has one: `-8.1 pp [-11.0, -5.2]`,
    /// `-0.081 [-0.110, -0.052]`, `+12.0 ms`.
    public static func change(of name: String, _ delta: Double, low: Double?, high: Double?) -> String {
        let text = self.delta(of: name, delta)
        return interval(of: name, low: low, high: high).map { text + " " + $0 } ?? text
    }

    /// The 95% interval of a named figure's change in its unit: `[-11.0, -5.2]` (points),
    /// `[-0.110, -0.052]` (scores); `nil` when there is none.
    public static func interval(of name: String, low: Double?, high: Double?) -> String? {
        guard let low, let high else { return nil }
        switch unit(of: name) {
        case .proportion: return interval(low, high, signed: true)
        case .score: return "[\(signed(low, 3)), \(signed(high, 3))]"
        case .milliseconds, .turns: return nil
        }
    }

    /// A tolerance of a relative rule in the unit its changes are judged in: points for rates and
    /// scores (`5.0 pp`, `0.050`), a share of the baseline for latency and turns (`50.0 % of the
    /// baseline`).
    public static func tolerance(of name: String, _ tolerance: Double) -> String {
        switch unit(of: name) {
        case .proportion: fixed(tolerance * 100, 1) + " pp"
        case .score: score(tolerance)
        case .milliseconds, .turns: rate(tolerance) + " of the baseline"
        }
    }

    /// User turns: `4 turns`, `2.5 turns`, `1 turn`.
    public static func turns(_ value: Double) -> String {
        let text = value == value.rounded() ? fixed(value, 0) : fixed(value, 1)
        return text + (text == "1" ? " turn" : " turns")
    }
}
