#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written through the C library's buffered streams: appends are cheap, and `flush`
/// hands the bytes to the operating system so a killed process loses at most the last buffer.
public final class OutputFile {
    private var handle: UnsafeMutablePointer<FILE>?
    public let path: String

    /// Creates (or truncates) the file at `path`; with `append`, adds to its end.
    public init(path: String, append: Bool = false) throws(OutputFileError) {
        self.path = path
        guard let handle = fopen(path, append ? "a" : "w") else {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, handle)
        }
    }

    public func flush() {
        fflush(handle)
    }

    public func close() {
        if let handle { fclose(handle) }
        handle = nil
    }

    deinit {
        close()
    }
}

/// A file that cannot be opened for writing.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
