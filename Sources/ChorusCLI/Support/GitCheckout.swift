import ChorusModel
import Foundation

/// The git checkout a command runs in, read with the `git` program: no git, or no checkout,
/// is simply no revision (a run records what it can).
enum GitCheckout {
    /// The commit, branch and dirtiness of the checkout holding `directory`, or nil.
    static func revision(in directory: String = FileManager.default.currentDirectoryPath) -> GitRevision? {
        guard let commit = git(["rev-parse", "--verify", "HEAD"], in: directory), !commit.isEmpty else { return nil }
        let branch = git(["symbolic-ref", "--quiet", "--short", "HEAD"], in: directory)
        // Tracked files only: an untracked report folder does not make the tested code dirty.
        let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory)
        return GitRevision(
            commit: commit, branch: branch?.isEmpty == false ? branch : nil, dirty: status?.isEmpty == false)
    }

    /// The trimmed standard output of `git arguments…`, or nil when it fails.
    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
