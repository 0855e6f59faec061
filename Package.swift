// swift-tools-version: 6.0
import PackageDescription

// One library per pipeline stage, each depending only on the stages before it:
// spec → simulation → reference bot / targets → scoring → runner → store → reports → CLI.
let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .library(name: "ChorusCLI", targets: ["ChorusCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // spec: YAML models, validation, located diagnostics.
        .target(name: "ChorusSpec", dependencies: [.product(name: "Yams", package: "Yams")]),
        // simulation: seeded synthetic users, noise, reply recognition.
        .target(name: "ChorusSimulation", dependencies: ["ChorusSpec"]),
        // the embedded reference chatbot engine (intent classifier, entities, forms).
        .target(name: "ChorusReferenceBot", dependencies: ["ChorusSpec"]),
        // targets: the chatbot under test, behind one protocol.
        .target(
            name: "ChorusTargets",
            dependencies: [
                "ChorusSpec", "ChorusReferenceBot",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // scoring: per-turn judgments, outcomes, mergeable aggregates, statistics.
        .target(
            name: "ChorusScoring",
            dependencies: ["ChorusSpec", "ChorusTargets", .product(name: "Histogram", package: "hdrhistogram-swift")]),
        // runner: drives users against a target with bounded concurrency, streams records to sinks.
        .target(name: "ChorusRunner", dependencies: ["ChorusSpec", "ChorusSimulation", "ChorusTargets", "ChorusScoring"]),
        // store: SQLite results database.
        .target(
            name: "ChorusStore",
            dependencies: [
                "ChorusScoring", "ChorusRunner", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // reports: summary JSON, Markdown, HTML, JUnit, diff and gate.
        .target(name: "ChorusReports", dependencies: ["ChorusScoring", "ChorusStore"]),
        // the reference bot served over HTTP (Rasa REST, OpenAI-compatible).
        .target(
            name: "ChorusServer",
            dependencies: [
                "ChorusReferenceBot",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // the command-line layer, as a library so tests can call commands directly.
        .target(
            name: "ChorusCLI",
            dependencies: [
                "ChorusSpec", "ChorusSimulation", "ChorusReferenceBot", "ChorusTargets", "ChorusScoring",
                "ChorusRunner", "ChorusStore", "ChorusReports", "ChorusServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "chorus",
            dependencies: [
                "ChorusCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // fixture helpers and fake targets for tests.
        .target(
            name: "ChorusTestSupport",
            dependencies: [
                "ChorusSpec", "ChorusTargets", "ChorusRunner", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "ChorusSpecTests", dependencies: ["ChorusSpec"]),
        .testTarget(name: "ChorusSimulationTests", dependencies: ["ChorusSimulation"]),
        .testTarget(name: "ChorusReferenceBotTests", dependencies: ["ChorusReferenceBot"]),
        .testTarget(name: "ChorusScoringTests", dependencies: ["ChorusScoring", "ChorusReports"]),
        .testTarget(name: "ChorusReportsTests", dependencies: ["ChorusReports", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusStoreTests",
            dependencies: ["ChorusStore", "ChorusTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ChorusTargetsTests",
            dependencies: [
                "ChorusTargets", "ChorusServer", "ChorusTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(name: "ChorusRunnerTests", dependencies: ["ChorusRunner", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusCLITests",
            dependencies: ["ChorusCLI", "ChorusTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
