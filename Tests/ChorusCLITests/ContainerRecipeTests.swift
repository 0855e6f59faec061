import ChorusCLI
import ChorusTestSupport
import Foundation
import Testing
import Yams

/// The Kubernetes recipe and the image stay in step: the recipe runs the image `make image` tags
/// for this version, in the working folder the Containerfile sets, as the user it runs as.
/// (ChorusImageTests builds the image itself; these checks are fast and run with `make test`.)
@Suite struct ContainerRecipeTests {
    static let manifest = "deploy/kubernetes/chorus-indexed-job.yaml"

    /// The default image name in scripts/build-image (`CHORUS_IMAGE:-…`).
    static func defaultImageName() throws -> String {
        let script = try String(contentsOfFile: Fixtures.path("scripts/build-image"), encoding: .utf8)
        let match = try #require(
            script.firstMatch(of: /CHORUS_IMAGE:-([^}]+)\}/), "scripts/build-image names no default image")
        return String(match.1)
    }

    /// Every container of every Job in the recipe.
    static func containers() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: Fixtures.path(manifest), encoding: .utf8)
        let jobs = try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
        #expect(jobs.count == 2, "the shard Job and the merge Job")
        return jobs.flatMap { job -> [[String: Any]] in
            let spec =
                (((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]) ?? [:]
            let security = spec["securityContext"] as? [String: Any]
            #expect(
                security?["runAsUser"] as? Int == 65532 && security?["fsGroup"] as? Int == 65532,
                "\(job["metadata"] ?? "")")
            return spec["containers"] as? [[String: Any]] ?? []
        }
    }

    @Test func theRecipeRunsTheImageMakeImageTagsForThisVersion() throws {
        let expected = "\(try Self.defaultImageName()):\(ChorusVersion.current)"
        let containers = try Self.containers()
        #expect(containers.count == 2)
        for container in containers {
            #expect(container["image"] as? String == expected)
        }
        // It says how to build the image under another name and push it.
        let text = try String(contentsOfFile: Fixtures.path(Self.manifest), encoding: .utf8)
        #expect(text.contains("CHORUS_IMAGE=") && text.contains("make image") && text.contains("podman push"))
    }

    @Test func theRecipeWorksInTheContainerfilesFolderAsItsUserWithFilesTheImageHolds() throws {
        let containerfile = try String(contentsOfFile: Fixtures.path("Containerfile"), encoding: .utf8)
        let workdir = try #require(containerfile.firstMatch(of: /\nWORKDIR (\S+)/)).1
        #expect(containerfile.contains("\nUSER 65532:65532"))
        for container in try Self.containers() {
            #expect(container["workingDir"] as? String == String(workdir))
            // The suites, targets and baseline it names are the repository's, which the image copies.
            let script = (container["args"] as? [String])?.joined(separator: "\n") ?? ""
            for path in script.matches(of: /(Scenarios|Fixtures\/targets|Reports\/baselines)\/[\w.\/-]+/) {
                #expect(FileManager.default.fileExists(atPath: Fixtures.path(String(path.0))), "\(path.0)")
            }
        }
    }
}
