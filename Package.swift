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
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // model: the records every later stage shares (turns, conversations, replies, errors) and
        // the exact JSON value they travel in. Depends on nothing.
        .target(name: "ChorusModel"),
        // RE2 (Debian's libre2-dev, installed by scripts/setup) behind a tiny C shim: scenario
        // patterns run on untrusted bot text, so they match in linear time.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        // spec: YAML models, validation, located diagnostics.
        .target(name: "ChorusSpec", dependencies: ["ChorusModel", "CRE2", .product(name: "Yams", package: "Yams")]),
        // simulation: seeded synthetic users, noise, reply recognition, dialogue judgement.
        .target(name: "ChorusSimulation", dependencies: ["ChorusSpec", "ChorusModel"], resources: [.copy("Data")]),
        // the embedded reference chatbot engine (intent classifier, entities, forms).
        .target(name: "ChorusReferenceBot", dependencies: ["ChorusSpec", "ChorusModel"]),
        // targets: the chatbot under test, behind one protocol.
        .target(
            name: "ChorusTargets",
            dependencies: [
                "ChorusSpec", "ChorusModel", "ChorusReferenceBot",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // scoring: per-turn judgments, outcomes, mergeable aggregates, statistics.
        .target(
            name: "ChorusScoring",
            dependencies: ["ChorusSpec", "ChorusModel", .product(name: "Histogram", package: "hdrhistogram-swift")]),
        // runner: drives users against a target with bounded concurrency, streams records to sinks.
        .target(
            name: "ChorusRunner",
            dependencies: [
                "ChorusSpec", "ChorusModel", "ChorusSimulation", "ChorusTargets", "ChorusScoring",
                // HMAC-SHA256 for the privacy setting's keyed pseudonyms.
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // store: SQLite results database.
        .target(
            name: "ChorusStore",
            dependencies: [
                "ChorusModel", "ChorusScoring", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // reports: summary JSON, Markdown, HTML, JUnit, diff and gate.
        .target(name: "ChorusReports", dependencies: ["ChorusModel", "ChorusSpec", "ChorusScoring", "ChorusStore"]),
        // import: a team's existing data (Rasa, Botium, labelled files) written as a suite.
        .target(
            name: "ChorusImport", dependencies: ["ChorusSpec", "ChorusModel", .product(name: "Yams", package: "Yams")]),
        // the reference bot served over HTTP (Rasa REST, OpenAI-compatible), and the dashboard.
        .target(
            name: "ChorusServer",
            dependencies: [
                "ChorusModel", "ChorusReferenceBot", "ChorusSpec", "ChorusScoring", "ChorusStore", "ChorusReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // watch: scheduled seeded samples against a live bot, Prometheus metrics, alert state and
        // webhook notifications.
        .target(
            name: "ChorusWatch",
            dependencies: [
                "ChorusModel", "ChorusSpec", "ChorusTargets", "ChorusScoring", "ChorusRunner", "ChorusStore",
                "ChorusReports", "ChorusServer",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // the command-line layer, as a library so tests can call commands directly.
        .target(
            name: "ChorusCLI",
            dependencies: [
                "ChorusModel", "ChorusSpec", "ChorusSimulation", "ChorusReferenceBot", "ChorusTargets", "ChorusScoring",
                "ChorusRunner", "ChorusStore", "ChorusReports", "ChorusServer", "ChorusImport", "ChorusWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "chorus",
            dependencies: [
                "ChorusCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // benchmarks: Chorus's connector for a target alone, for `scripts/bench http`.
        .executableTarget(
            name: "chorus-transport-bench",
            dependencies: [
                "ChorusTargets", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/TransportBench"),
        // fixture helpers and fake targets for tests.
        .target(
            name: "ChorusTestSupport",
            dependencies: [
                "ChorusModel", "ChorusSpec", "ChorusTargets", "ChorusRunner",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "ChorusModelTests", dependencies: ["ChorusModel"]),
        .testTarget(name: "ChorusSpecTests", dependencies: ["ChorusModel", "ChorusSpec", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusSimulationTests", dependencies: ["ChorusModel", "ChorusSimulation", "ChorusTestSupport"]),
        .testTarget(name: "ChorusReferenceBotTests", dependencies: ["ChorusModel", "ChorusReferenceBot"]),
        .testTarget(name: "ChorusScoringTests", dependencies: ["ChorusModel", "ChorusScoring", "ChorusReports"]),
        .testTarget(name: "ChorusReportsTests", dependencies: ["ChorusModel", "ChorusReports", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusStoreTests",
            dependencies: [
                "ChorusModel", "ChorusStore", "ChorusTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ChorusTargetsTests",
            dependencies: [
                "ChorusModel", "ChorusTargets", "ChorusServer", "ChorusTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(name: "ChorusRunnerTests", dependencies: ["ChorusModel", "ChorusRunner", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusWatchTests",
            dependencies: ["ChorusWatch", "ChorusModel", "ChorusStore", "ChorusTargets", "ChorusTestSupport"]),
        .testTarget(
            name: "ChorusCLITests",
            dependencies: [
                "ChorusCLI", "ChorusModel", "ChorusTestSupport", "ChorusServer", "ChorusStore", "ChorusReports",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The CI recipes' YAML is read as CI reads it.
                .product(name: "Yams", package: "Yams"),
            ]),
        // the container image, built by scripts/build-image and run from its exported filesystem
        // (slow: a release build; `make test-image`, not `make test`).
        .testTarget(name: "ChorusImageTests", dependencies: ["ChorusTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
