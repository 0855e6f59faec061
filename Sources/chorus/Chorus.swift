import ArgumentParser
import ChorusCLI
import Foundation
import NIOCore
import NIOPosix

/// The `chorus` executable: everything lives in the ChorusCLI library, so tests can call it.
@main
enum Chorus {
    static func main() async {
        do {
            var command = try ChorusCommand.parseAsRoot()
            if ChorusCommand.talksToNetwork(command) {
                // Conversations and network I/O share NIO's event-loop threads (one per core): a
                // reply resumes its conversation on the thread that read it, with no hop between
                // thread pools. Done here, on the main thread, before anything asynchronous runs.
                NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Chorus's exit codes: a usage mistake is bad input (2), not the BSD usage code (64).
            if ChorusCommand.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((ChorusCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            ChorusCommand.exit(withError: error)
        }
    }
}
