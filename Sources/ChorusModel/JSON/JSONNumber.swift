/// A JSON number as exact as where it came from: a number parsed from a document keeps the
/// literal's text, so an id or entity value of any length (`12345678901234567890`) comes back
/// digit for digit instead of as the nearest `Double` (`1.2345678901234567e+19`); a number made
/// from a `Double` is written the shortest way that reads back as that `Double`.
///
/// Two numbers are equal when their decimal values are (`2`, `2.0` and `20e-1` are one number;
/// `12345678901234567890` and `12345678901234567891` are two, though they are one `Double`).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text.
    public let text: String
    /// The nearest `Double`, for arithmetic (a confidence, a temperature).
    public let double: Double

    /// A number parsed from `text`, a valid JSON number literal whose value is `double`.
    init(text: String, double: Double) {
        self.text = text
        self.double = double
    }

    /// `value`, written as a whole number when it is one (below 10^15) and otherwise as Swift's
    /// shortest round-tripping text; a value that is not finite (which JSON cannot hold) is
    /// written as `null` by `JSON.text`.
    public init(_ value: Double) {
        double = value
        if !value.isFinite {
            text = "null"
        } else if value == value.rounded() && abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = String(value)
        }
    }

    /// An integer, exactly.
    public init<Integer: BinaryInteger>(_ value: Integer) {
        text = String(value)
        double = Double(value)
    }

    public var description: String { text }

    /// The number as a scalar's text: integers digit for digit as written; a number whose value
    /// is whole but written with a fraction or an exponent (`7.0`, `1e3`) as that whole number
    /// (`7`, `1000`); any other number as written.
    public var scalarText: String {
        if isPlainInteger { return text }
        let decimal = Decimal(self)
        guard decimal.exponent >= 0, decimal.exponent <= 400 else { return text }
        if decimal.digits.isEmpty { return "0" }
        return (decimal.negative ? "-" : "") + decimal.digits + String(repeating: "0", count: decimal.exponent)
    }

    /// Whether the text is an integer literal (no fraction, no exponent).
    private var isPlainInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
            && text != "null"
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.text == rhs.text || Decimal(lhs) == Decimal(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Decimal(self))
    }

    /// A number's exact decimal value, `±digits × 10^exponent`, normalised: no leading or
    /// trailing zeros in `digits` (zero has none, and no sign).
    private struct Decimal: Hashable {
        var negative: Bool
        var digits: String
        var exponent: Int

        init(_ number: JSONNumber) {
            guard number.double.isFinite else {
                // Not a literal: the value is all there is.
                self.init(literal: number.double.isNaN ? "nan" : (number.double < 0 ? "-inf" : "inf"))
                return
            }
            self.init(literal: number.text)
        }

        /// Splits a JSON number literal `-?int(.frac)?([eE][+-]?exp)?`.
        init(literal: String) {
            var bytes = Substring(literal).utf8[...]
            negative = bytes.first == UInt8(ascii: "-")
            if negative { bytes = bytes.dropFirst() }
            var mantissa: [UInt8] = []
            var scale = 0
            var seenPoint = false
            var exponentPart = 0
            var exponentNegative = false
            var inExponent = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "."): seenPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                case UInt8(ascii: "-") where inExponent: exponentNegative = true
                case UInt8(ascii: "+"): continue
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if inExponent {
                        // Beyond any Double's range either way; saturate rather than overflow.
                        exponentPart = min(exponentPart * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
                    } else {
                        mantissa.append(byte)
                        if seenPoint { scale -= 1 }
                    }
                default:
                    // "nan", "inf": kept as they are, never equal to a literal.
                    mantissa.append(byte)
                }
            }
            var exponent = scale + (exponentNegative ? -exponentPart : exponentPart)
            let first = mantissa.firstIndex { $0 != UInt8(ascii: "0") }
            let last = mantissa.lastIndex { $0 != UInt8(ascii: "0") }
            if let first, let last {
                exponent += mantissa.count - 1 - last
                digits = String(decoding: mantissa[first...last], as: UTF8.self)
            } else {
                negative = false
                exponent = 0
                digits = ""
            }
            self.exponent = exponent
        }
    }
}
