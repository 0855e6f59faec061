#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loopback ports for tests. There is deliberately no "free port to hand to a server": a port
/// picked and released can be taken by a parallel test before the server binds it. Servers are
/// started on port 0 and report the port they bound (`ChorusChild.port(after:)`).
public enum FreePort {}

extension FreePort {
    /// A loopback port where connections are refused, for as long as `body` runs: the port is
    /// bound (so no other server, in a parallel test, can take it) but never listened on.
    public static func refusing<T>(_ body: (Int) async throws -> T) async throws -> T {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FreePortError() }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw FreePortError() }
        return try await body(Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// No free port could be found.
public struct FreePortError: Error {}
