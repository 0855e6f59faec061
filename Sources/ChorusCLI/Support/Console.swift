#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the terminal. Library code never prints; commands go through here.
enum Console {
    static func out(_ text: String) {
        var line = text
        line.append("\n")
        fputs(line, stdout)
    }

    static func error(_ text: String) {
        fflush(stdout)
        var line = text
        line.append("\n")
        fputs(line, stderr)
    }
}
