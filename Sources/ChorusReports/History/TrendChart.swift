import Foundation

/// A figure across runs over a real time axis, as inline SVG: one line per target (never one
/// line through runs of different targets), each run a point with its 95% interval as a whisker,
/// the runs that failed their gate marked, each point a link to its run, and the gate's bounds
/// drawn as dashed lines. Drawn from numbers only; every label is escaped.
public struct TrendChart: Sendable, Equatable {
    /// One run's value.
    public struct Point: Sendable, Equatable {
        public var time: Date
        public var value: Double
        /// The 95% interval, for rates.
        public var low: Double?
        public var high: Double?
        /// Whether the run failed its gate (nil: not judged).
        public var passed: Bool?
        /// Where the point links to (nil: no link).
        public var link: String?
        /// The run's name, shown on hover.
        public var label: String

        public init(
            time: Date, value: Double, low: Double? = nil, high: Double? = nil, passed: Bool? = nil,
            link: String? = nil,
            label: String
        ) {
            self.time = time
            self.value = value
            self.low = low
            self.high = high
            self.passed = passed
            self.link = link
            self.label = label
        }
    }

    /// The runs of one target, oldest first.
    public struct Line: Sendable, Equatable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    /// A gate bound, drawn across the chart.
    public struct Bound: Sendable, Equatable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    /// Whether the figure is a proportion (shown in %, axis within 0…1).
    public var isRate: Bool
    public var lines: [Line]
    public var bounds: [Bound]
    public var width = 540.0
    public var height = 220.0

    public init(title: String, isRate: Bool, lines: [Line], bounds: [Bound] = []) {
        self.title = title
        self.isRate = isRate
        self.lines = lines
        self.bounds = bounds
    }

    /// The charts' styles, for the pages that show them.
    public static let styleSheet = """
        figure.trend { margin: 0; border: 1px solid #d9dde5; border-radius: 6px; padding: 8px; background: #fff; }
        figure.trend figcaption { font-weight: 600; margin-bottom: 4px; }
        figure.trend figcaption.legend { font-weight: normal; font-size: 12px; color: #5b6475; }
        figure.trend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 8px; }
        figure.trend svg { max-width: 100%; height: auto; }
        """

    /// The colour of the n-th line.
    static let palette = ["#2f6fdf", "#e07b00", "#2e7d32", "#8e24aa", "#00838f", "#6d4c41"]

    /// An ISO 8601 time as the store writes it (`2026-11-21T13:00:00Z`).
    public static func time(_ iso: String) -> Date? {
        // The format style is a value (no formatter object to build per point, which cost a
        // trend of 50 runs × 7 figures a third of a second).
        try? Date(iso, strategy: .iso8601)
    }

    /// A time as the axis shows it: `2026-11-21 13:00 UTC`.
    static func label(_ time: Date) -> String {
        let iso = time.formatted(.iso8601)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }

    public func svg() -> String {
        let left = 52.0
        let right = 16.0
        let top = 14.0
        let bottom = 34.0
        let points = lines.flatMap(\.points)
        let data = points.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] }
        // A bound far above every run (a latency bound lifted to a million) would flatten the
        // line: it widens the axis only when it is within three times the highest value.
        let ceiling = (data.max() ?? 0) * 3
        let values = data + bounds.map(\.value).filter { isRate || $0 <= ceiling }
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if isRate {
            low = max(0, low - 0.02)
            high = min(1, high + 0.02)
        } else {
            low = max(0, low * 0.9)
            high = high * 1.1
        }
        if high - low < 1e-9 { high = low + (isRate ? 0.01 : 1) }
        let start = points.map(\.time).min() ?? Date(timeIntervalSince1970: 0)
        let end = points.map(\.time).max() ?? start
        let span = end.timeIntervalSince(start)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ time: Date) -> Double {
            span > 0 ? left + time.timeIntervalSince(start) / span * plotWidth : left + plotWidth / 2
        }
        func y(_ value: Double) -> Double { top + (high - value) / (high - low) * plotHeight }
        func c(_ value: Double) -> String { Figures.fixed(value, 1) }
        func label(_ value: Double) -> String { isRate ? Figures.rate(value) : Figures.milliseconds(value) + " ms" }

        var svg = "<figure class=\"trend\"><figcaption>\(Escaping.html(title))</figcaption>\n"
        svg +=
            "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" "
        svg += "aria-label=\"\(Escaping.html(title)) over time\">\n"
        // Axes and their labels: the value range, and the first and last run's time.
        svg +=
            "<line x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(top + plotHeight))\" stroke=\"#9aa3b2\"/>"
        svg +=
            "<line x1=\"\(c(left))\" y1=\"\(c(top + plotHeight))\" x2=\"\(c(width - right))\" y2=\"\(c(top + plotHeight))\" stroke=\"#9aa3b2\"/>\n"
        for value in [low, (low + high) / 2, high] {
            svg +=
                "<text x=\"\(c(left - 4))\" y=\"\(c(y(value) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#5b6475\">\(label(value))</text>"
        }
        let ticks = span > 0 ? [start, start.addingTimeInterval(span / 2), end] : [start]
        for (number, tick) in ticks.enumerated() {
            let anchor =
                ticks.count == 1 ? "middle" : number == 0 ? "start" : number == ticks.count - 1 ? "end" : "middle"
            svg +=
                "<text class=\"tick\" x=\"\(c(x(tick)))\" y=\"\(c(height - 12))\" font-size=\"10\" text-anchor=\"\(anchor)\" "
            svg += "fill=\"#5b6475\">\(Self.label(tick))</text>"
        }
        svg += "\n"
        for bound in bounds where bound.value >= low && bound.value <= high {
            svg += "<g class=\"bound\"><line x1=\"\(c(left))\" y1=\"\(c(y(bound.value)))\" x2=\"\(c(width - right))\" "
            svg += "y2=\"\(c(y(bound.value)))\" stroke=\"#c62828\" stroke-dasharray=\"5 4\"/>"
            svg +=
                "<text x=\"\(c(width - right))\" y=\"\(c(y(bound.value) - 3))\" font-size=\"10\" text-anchor=\"end\" fill=\"#c62828\">"
            svg += "\(Escaping.html(bound.label)) \(label(bound.value))</text></g>\n"
        }
        for (number, line) in lines.enumerated() {
            let colour = Self.palette[number % Self.palette.count]
            let path = line.points.map { "\(c(x($0.time))),\(c(y($0.value)))" }.joined(separator: " ")
            svg += "<g class=\"line\" data-target=\"\(Escaping.html(line.name))\">"
            if line.points.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path)\"/>"
            }
            for point in line.points {
                let px = c(x(point.time))
                var mark = ""
                if let whiskerLow = point.low, let whiskerHigh = point.high {
                    mark +=
                        "<line class=\"interval\" x1=\"\(px)\" y1=\"\(c(y(whiskerLow)))\" x2=\"\(px)\" y2=\"\(c(y(whiskerHigh)))\" "
                    mark += "stroke=\"\(colour)\" stroke-opacity=\"0.55\" stroke-width=\"3\"/>"
                }
                let failed = point.passed == false
                mark +=
                    "<circle class=\"\(failed ? "point failed" : "point")\" cx=\"\(px)\" cy=\"\(c(y(point.value)))\" "
                mark += failed ? "r=\"5\" fill=\"#c62828\" stroke=\"#fff\"" : "r=\"3.5\" fill=\"\(colour)\""
                mark += "/>"
                let interval = point.low.flatMap { l in point.high.map { " [\(label(l)) – \(label($0))]" } } ?? ""
                let verdict = point.passed.map { $0 ? " · gate passed" : " · gate FAILED" } ?? ""
                let title = "<title>\(Escaping.html(point.label)): \(label(point.value))\(interval)\(verdict)</title>"
                if let link = point.link {
                    svg += "<a href=\"\(Escaping.html(link))\">\(title)\(mark)</a>"
                } else {
                    svg += "<g>\(title)\(mark)</g>"
                }
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        if lines.count > 1 || lines.contains(where: { $0.points.contains { $0.passed == false } }) {
            svg += "<figcaption class=\"legend\">"
            for (number, line) in lines.enumerated() {
                svg +=
                    "<span class=\"swatch\" style=\"background:\(Self.palette[number % Self.palette.count])\"></span>"
                svg += "\(Escaping.html(line.name)) "
            }
            if lines.contains(where: { $0.points.contains { $0.passed == false } }) {
                svg += "<span class=\"swatch\" style=\"background:#c62828\"></span>gate failed"
            }
            svg += "</figcaption>\n"
        }
        return svg + "</figure>\n"
    }
}
