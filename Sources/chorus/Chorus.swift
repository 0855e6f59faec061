import ArgumentParser
import ChorusCLI

import Foundation

/// The `chorus` executable: everything lives in the ChorusCLI library, so tests can call it.
@main
enum Chorus {
    static func main() async {
        do {
            var command = try ChorusCommand.parseAsRoot()
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
