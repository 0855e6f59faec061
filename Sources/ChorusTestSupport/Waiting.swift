import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waiting on another process's progress: by events, never by time. A test waits until something
/// happened (a port accepts connections, rows are in a database, a page says a word) or the
/// process ended; the test's own time limit is the only clock. A loaded machine makes the wait
/// longer, never the outcome different.
public enum Waiting {
    /// Checks `condition` until it holds or `process` has ended (checked once more then); returns
    /// whether it held. The pause between checks only spares the processor.
    @discardableResult
    public static func until(
        whileRunning process: Process, _ condition: () async throws -> Bool
    ) async throws -> Bool {
        while true {
            if try await condition() { return true }
            guard process.isRunning else { return try await condition() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Whether a TCP connection to 127.0.0.1:`port` is accepted now (a server is listening).
    public static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
