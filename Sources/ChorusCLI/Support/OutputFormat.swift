import ArgumentParser

/// `--format text|json` of the commands that print for people or for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
