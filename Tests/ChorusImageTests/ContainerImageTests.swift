import ChorusTestSupport
import Foundation
import Testing

/// The container image, built as `make image` builds it, then run from its exported filesystem.
///
/// It needs a release build of chorus (its own scratch folder, .build-image) and root (buildah
/// writes the image; chroot runs it), so `make test-image` runs it and `make test` leaves this
/// target out; a plain `swift test` lists it as skipped with the reason below.
///
/// chorus runs under `chroot` in the exported root, not under `podman run`: on this project's
/// machines crun may not set the container's resource limits (`setrlimit RLIMIT_NPROC: Operation not
/// permitted`), and chroot runs exactly the image's loader, libraries, shell and files, nothing of
/// the host's, which is what the test is about.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["CHORUS_TEST_IMAGE"] == "1",
        "builds the image (a release build, as root): run it with `make test-image`"))
struct ContainerImageTests {
    /// The image's name in the test's own image store.
    static let name = "localhost/chorus-test"

    @Test func theImageBuildsWithOneCommandAndItsChorusGatesTheExampleSuite() async throws {
        try #require(
            getuid() == 0, "make test-image runs as root: buildah writes the image and chroot runs chorus in it")
        let work = try Fixtures.temporaryDirectory("chorus-image")
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A store of its own, so the test never touches the machine's images; vfs works wherever
        // overlay does not.
        let storageConf = "\(work)/storage.conf"
        try """
        [storage]
        driver = "vfs"
        graphroot = "\(work)/storage"
        runroot = "\(work)/run"
        """.write(toFile: storageConf, atomically: true, encoding: .utf8)
        let environment = ["CONTAINERS_STORAGE_CONF": storageConf, "CHORUS_IMAGE": Self.name]

        let build = try await ChorusProcess.run(
            executable: Fixtures.path("scripts/build-image"), [], environment: environment)
        try #require(build.status == 0, "scripts/build-image exited \(build.status):\n\(build.stdout)\n\(build.stderr)")

        // Tagged with chorus's version and latest, both the same image.
        let version = try await ChorusProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let images = try await ChorusProcess.run(
            executable: "/usr/bin/podman", ["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"],
            environment: environment)
        let ids = Dictionary(
            images.stdout.split(separator: "\n").map { line in
                let fields = line.split(separator: " ")
                return (String(fields[0]), String(fields.last ?? ""))
            }, uniquingKeysWith: { first, _ in first })
        let versioned = try #require(ids["\(Self.name):\(version)"], "no \(Self.name):\(version) in:\n\(images.stdout)")
        #expect(ids["\(Self.name):latest"] == versioned)
        let label = try await ChorusProcess.run(
            executable: "/usr/bin/podman",
            [
                "image", "inspect", "--format", "{{index .Labels \"org.opencontainers.image.version\"}}",
                "\(Self.name):\(version)",
            ],
            environment: environment)
        #expect(label.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version)

        let root = try await Self.export("\(Self.name):\(version)", into: work, environment: environment)
        for file in [
            "usr/local/bin/chorus", "bin/sh", "chorus/Scenarios/customer-service", "chorus/Fixtures/bots/acme-v1.yaml",
            "chorus/Fixtures/targets/acme-v2.yaml", "chorus/Reports/baselines/customer-service.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(root)/\(file)"), "\(file) is in the image")
        }

        // The release workflow from inside the image, as the image's user, in its working folder:
        // the committed baseline passes acme-v1 (exit 0) and fails acme-v2's regression (exit 1).
        let pass = try await Self.chorus(
            in: root, "run Scenarios/customer-service --target Fixtures/targets/acme-v1.yaml")
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("gate: PASS"), "\(pass.stdout)")
        let fail = try await Self.chorus(
            in: root, "run Scenarios/customer-service --target Fixtures/targets/acme-v2.yaml")
        #expect(fail.status == 1, "\(fail.stdout)\(fail.stderr)")
        #expect(fail.stdout.contains("gate: FAIL"), "\(fail.stdout)")
        #expect(fail.stdout.contains("refund.recall"), "\(fail.stdout)")

        // Both runs wrote their reports under the image's writable Reports/ folder.
        let runs = try FileManager.default.contentsOfDirectory(atPath: "\(root)/chorus/Reports/runs")
        #expect(runs.count == 2, "\(runs)")
        for run in runs {
            #expect(FileManager.default.fileExists(atPath: "\(root)/chorus/Reports/runs/\(run)/summary.json"))
        }
    }

    /// The image's filesystem, as `podman export` writes it, unpacked under `work`.
    static func export(_ image: String, into work: String, environment: [String: String]) async throws -> String {
        let podman = "/usr/bin/podman"
        let create = try await ChorusProcess.run(
            executable: podman, ["create", "--pull=never", image], environment: environment)
        try #require(create.status == 0, "podman create: \(create.stderr)")
        let container = create.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let export = try await ChorusProcess.run(
            executable: podman, ["export", "--output", "\(work)/rootfs.tar", container], environment: environment)
        try #require(export.status == 0, "podman export: \(export.stderr)")
        _ = try await ChorusProcess.run(executable: podman, ["rm", container], environment: environment)
        let root = "\(work)/rootfs"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let untar = try await ChorusProcess.run(executable: "/usr/bin/tar", ["-xf", "\(work)/rootfs.tar", "-C", root])
        try #require(untar.status == 0, "tar: \(untar.stderr)")
        return root
    }

    /// `chorus arguments` run as the image runs it: chrooted into `root`, as its user (65532), from
    /// /chorus, with the image's PATH and nothing else of this process's environment, through the
    /// image's /bin/sh as the Kubernetes recipe does; the run's latency rule is lifted, since the
    /// verdict checked is the bot's, not this loaded machine's speed. A fresh /proc is mounted in
    /// the root, as a container runtime does: a static Swift binary reads its arguments from
    /// /proc/self/cmdline, and without it sees none.
    static func chorus(in root: String, _ arguments: String) async throws -> ChorusProcess.Result {
        try FileManager.default.createDirectory(atPath: "\(root)/proc", withIntermediateDirectories: true)
        return try await ChorusProcess.run(
            executable: "/usr/bin/env",
            [
                "-i", "PATH=/usr/local/bin:/bin", "HOME=/chorus", "/usr/bin/unshare", "--mount", "--pid", "--fork",
                "--mount-proc=\(root)/proc", "/usr/sbin/chroot", "--userspec=65532:65532", root, "/bin/sh", "-c",
                "cd /chorus && exec chorus \(arguments) --baseline Reports/baselines/customer-service.json --conversations 600 "
                    + "--gate latency_p95_ms.max=1000000",
            ])
    }
}
