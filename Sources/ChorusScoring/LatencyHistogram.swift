import Histogram

/// A mergeable histogram of reply latencies in microseconds, with exact bucket counts.
///
/// `Histogram` from hdrhistogram-swift is Codable but neither Equatable nor compact: it persists its
/// whole counts array, whose length depends on how far it happened to auto-resize. This type keeps
/// only the non-empty buckets, keyed by the lowest value HdrHistogram considers equivalent (three
/// significant digits). That key depends only on the value, not on the range seen so far, so adding
/// and merging are exact, associative and commutative, and equal data gives equal values.
/// Percentiles are computed by HdrHistogram itself from a histogram rebuilt on demand.
public struct LatencyHistogram: Sendable, Equatable, Codable {
    /// Recorded values by bucket: the bucket's lowest equivalent value (µs) → how many.
    public private(set) var buckets: [UInt64: UInt64]
    /// The exact smallest recorded value (µs); meaningful only when `count > 0`.
    private var minimum: UInt64
    /// The exact largest recorded value (µs); meaningful only when `count > 0`.
    private var maximum: UInt64

    /// Defines the bucketing only; never recorded into, so sharing it is safe.
    private static let bucketing = Histogram<UInt64>(numberOfSignificantValueDigits: .three)

    /// An empty histogram.
    public init() {
        buckets = [:]
        minimum = .max
        maximum = 0
    }

    /// Values recorded.
    public var count: UInt64 {
        buckets.values.reduce(0, +)
    }

    /// The exact smallest value recorded, in microseconds; `nil` when empty.
    public var minMicroseconds: UInt64? {
        buckets.isEmpty ? nil : minimum
    }

    /// The exact largest value recorded, in microseconds; `nil` when empty.
    public var maxMicroseconds: UInt64? {
        buckets.isEmpty ? nil : maximum
    }

    /// Records one value in microseconds.
    public mutating func record(microseconds value: UInt64, count: UInt64 = 1) {
        guard count > 0 else { return }
        buckets[Self.bucketing.lowestEquivalentForValue(value), default: 0] += count
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    /// Records one latency in milliseconds, rounded to the microsecond; negative and non-finite
    /// values (which a clock cannot produce) count as 0.
    public mutating func record(milliseconds: Double) {
        let micros = (milliseconds * 1000).rounded()
        // UInt64(exactly:) would reject fractions; the upper bound avoids trapping on absurd input.
        let value: UInt64 = micros.isFinite && micros > 0 ? UInt64(min(micros, Double(UInt64.max / 2))) : 0
        record(microseconds: value)
    }

    /// Adds every value of another histogram.
    public mutating func merge(_ other: LatencyHistogram) {
        for (bucket, count) in other.buckets {
            buckets[bucket, default: 0] += count
        }
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// The values at the given percentiles (0…100), in microseconds, in the order asked; `nil` when
    /// empty. Each is the highest value equivalent to the percentile's bucket, capped at the exact
    /// maximum, as HdrHistogram reports it.
    public func microseconds(atPercentiles percentiles: [Double]) -> [UInt64]? {
        guard !buckets.isEmpty else { return nil }
        let histogram = rebuilt()
        return percentiles.map { histogram.valueAtPercentile($0) }
    }

    /// An HdrHistogram with the same bucket counts and the exact extremes, for percentile queries.
    private func rebuilt() -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        let minBucket = Self.bucketing.lowestEquivalentForValue(minimum)
        let maxBucket = Self.bucketing.lowestEquivalentForValue(maximum)
        // Recording a bucket's count at its exact extreme (same bucket, so same counts) makes the
        // rebuilt histogram's min and max exact too; ascending order keeps resizing monotonic.
        for bucket in buckets.keys.sorted() {
            let value = bucket == maxBucket ? maximum : bucket == minBucket ? minimum : bucket
            histogram.record(value, count: buckets[bucket, default: 0])
        }
        return histogram
    }

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case unit
        case significantDigits = "significant_digits"
        case buckets, min, max
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let pairs = try c.decode([[UInt64]].self, forKey: .buckets)
        self.init()
        for pair in pairs {
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .buckets, in: c, debugDescription: "a bucket is [lowest value, count]")
            }
            buckets[pair[0], default: 0] += pair[1]
        }
        if !buckets.isEmpty {
            minimum = try c.decode(UInt64.self, forKey: .min)
            maximum = try c.decode(UInt64.self, forKey: .max)
        }
    }

    /// Encodes as `{"unit": "us", "significant_digits": 3, "buckets": [[lowest, count], …], "min", "max"}`
    /// with buckets in ascending order, so equal histograms encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("us", forKey: .unit)
        try c.encode(3, forKey: .significantDigits)
        try c.encode(buckets.keys.sorted().map { [$0, buckets[$0, default: 0]] }, forKey: .buckets)
        try c.encode(minMicroseconds, forKey: .min)
        try c.encode(maxMicroseconds, forKey: .max)
    }
}
