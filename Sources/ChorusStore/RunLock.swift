import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on one run of a results database, held while a process plays it (a new run
/// or a `--resume`), so two processes never write the same run: the second is told who holds it.
///
/// The lock is an `flock` on a small file beside the database (`<db>.<run>.lock`) that names the
/// holder. The kernel drops it when the holder dies, even by SIGKILL, so a killed pod never
/// leaves a lock behind for its restart to trip over.
public final class RunLock: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock on run `run` of the database at `database`; throws, naming the holder,
    /// when another process holds it.
    public static func acquire(database: String, run: String, startedAt: String) throws(StoreError) -> RunLock {
        let path = "\(database).\(run).lock"
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw StoreError("cannot lock run \(run): cannot create \(path): \(String(cString: strerror(errno)))")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
                    in: .whitespacesAndNewlines)
                close(descriptor)
                let named = holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another process"
                throw StoreError(
                    "run \(run) is being played by \(named); wait for it to finish or stop it (Ctrl-C or SIGTERM) first"
                )
            }
            // The previous holder removes the file as it lets go: a lock on a file no longer at
            // `path` guards nothing, so open the new one.
            var held = stat()
            var current = stat()
            guard fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino,
                held.st_dev == current.st_dev
            else {
                close(descriptor)
                continue
            }
            var host = [CChar](repeating: 0, count: 256)
            gethostname(&host, host.count - 1)
            let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let text = "process \(getpid()) on \(hostName), since \(startedAt)\n"
            _ = ftruncate(descriptor, 0)
            _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            return RunLock(path: path, descriptor: descriptor)
        }
    }

    deinit {
        // Removed while still held, so no other process can be holding this file when it goes.
        unlink(path)
        close(descriptor)
    }
}
