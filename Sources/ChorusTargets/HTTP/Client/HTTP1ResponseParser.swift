import NIOCore

/// Parses HTTP/1.1 responses, one at a time, from the bytes a connection reads: the status
/// line, the few headers the client acts on (`Content-Length`, `Transfer-Encoding`,
/// `Connection`, `Retry-After`), and a body delimited by its length, by chunks, or by the end
/// of the connection. Informational (1xx) responses are skipped.
///
/// The caller keeps the bytes not yet consumed and calls `parse` again when more arrive.
struct HTTP1ResponseParser {
    enum State: Equatable {
        case head
        case fixed(Int)
        case chunkSize
        case chunkData(Int)
        case chunkEnd
        case trailers
        case untilClose
        case complete
    }

    /// A complete response.
    struct Response {
        var status: Int
        var body: ByteBuffer?
        /// Whether the connection may carry another request.
        var keepAlive: Bool
        /// `Retry-After` in seconds, when given as a number.
        var retryAfter: Double?
    }

    /// The largest head read; a server sending more is not answering this client.
    static let maximumHead = 64 << 10

    let maximumBody: Int
    private(set) var state = State.head
    private var status = 0
    private var keepAlive = true
    private var retryAfter: Double?
    private var body: ByteBuffer?

    init(maximumBody: Int) {
        self.maximumBody = maximumBody
    }

    /// Whether any of the current response has been parsed.
    var started: Bool { state != .head }

    /// Makes ready for the next response.
    mutating func reset() {
        state = .head
        status = 0
        keepAlive = true
        retryAfter = nil
        body = nil
    }

    /// Consumes what it can of `buffer`; returns the response once it is complete.
    mutating func parse(_ buffer: inout ByteBuffer) throws(HTTPClientFailure) -> Response? {
        while true {
            switch state {
            case .head:
                guard try parseHead(&buffer) else { return nil }
            case .fixed(let remaining):
                guard buffer.readableBytes >= remaining || body != nil || remaining > (1 << 16) else {
                    // Wait for the whole body: the common case then takes a slice, not a copy.
                    return nil
                }
                let take = min(remaining, buffer.readableBytes)
                append(buffer.readSlice(length: take)!)
                state = take == remaining ? .complete : .fixed(remaining - take)
                if take < remaining { return nil }
            case .chunkSize:
                guard let line = try readLine(&buffer) else { return nil }
                let size = try Self.chunkSize(line)
                guard size <= maximumBody - (body?.readableBytes ?? 0) else { throw .bodyTooLarge(maximumBody) }
                state = size == 0 ? .trailers : .chunkData(size)
            case .chunkData(let remaining):
                guard buffer.readableBytes > 0 else { return nil }
                let take = min(remaining, buffer.readableBytes)
                append(buffer.readSlice(length: take)!)
                state = take == remaining ? .chunkEnd : .chunkData(remaining - take)
            case .chunkEnd:
                guard buffer.readableBytes >= 2 else { return nil }
                guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
                    throw .malformedResponse("a chunk without CRLF")
                }
                state = .chunkSize
            case .trailers:
                guard let line = try readLine(&buffer) else { return nil }
                if line.readableBytes == 0 { state = .complete }
            case .untilClose:
                if buffer.readableBytes > 0 {
                    guard buffer.readableBytes <= maximumBody - (body?.readableBytes ?? 0) else {
                        throw .bodyTooLarge(maximumBody)
                    }
                    append(buffer.readSlice(length: buffer.readableBytes)!)
                }
                return nil
            case .complete:
                let response = Response(status: status, body: body, keepAlive: keepAlive, retryAfter: retryAfter)
                reset()
                return response
            }
        }
    }

    /// The connection ended: the response, if the end completes it (a body delimited by the
    /// close); nil if it was cut short.
    mutating func finish() -> Response? {
        guard state == .untilClose else { return nil }
        let response = Response(status: status, body: body, keepAlive: false, retryAfter: retryAfter)
        reset()
        return response
    }

    private mutating func append(_ slice: ByteBuffer) {
        if body == nil {
            body = slice
        } else {
            var slice = slice
            body!.writeBuffer(&slice)
        }
    }

    /// A line ending in CRLF, without it; nil if the line is not complete yet.
    private func readLine(_ buffer: inout ByteBuffer) throws(HTTPClientFailure) -> ByteBuffer? {
        let end = buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard bytes.count >= 2 else { return nil }
            for index in 0..<(bytes.count - 1) where bytes[index] == 0x0D && bytes[index + 1] == 0x0A {
                return index
            }
            return nil
        }
        guard let end else {
            if buffer.readableBytes > 4096 { throw .malformedResponse("a chunk line longer than 4096 bytes") }
            return nil
        }
        let line = buffer.readSlice(length: end)!
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    static func chunkSize(_ line: ByteBuffer) throws(HTTPClientFailure) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                // A chunk extension (or whitespace before one): ignored.
                guard digits > 0 else { throw .malformedResponse("a chunk without a size") }
                return size
            default: throw .malformedResponse("an invalid chunk size")
            }
            guard digits < 15 else { throw .malformedResponse("an invalid chunk size") }
            size = size << 4 | digit
            digits += 1
        }
        guard digits > 0 else { throw .malformedResponse("a chunk without a size") }
        return size
    }

    /// The head, if all of it has arrived: sets the state for the body and consumes the head.
    private mutating func parseHead(_ buffer: inout ByteBuffer) throws(HTTPClientFailure) -> Bool {
        let result = buffer.withUnsafeReadableBytes { bytes in Self.head(bytes) }
        guard let head = try result.get() else {
            if buffer.readableBytes > Self.maximumHead { throw .malformedResponse("a head longer than 64 KB") }
            return false
        }
        buffer.moveReaderIndex(forwardBy: head.length)
        if (100..<200).contains(head.status) {
            guard head.status != 101 else { throw .malformedResponse("an unexpected protocol switch") }
            return true  // informational: the real response follows
        }
        status = head.status
        keepAlive = head.keepAlive
        retryAfter = head.retryAfter
        if head.status == 204 || head.status == 304 {
            state = .complete
        } else if head.chunked {
            state = .chunkSize
        } else if let length = head.contentLength {
            guard length <= maximumBody else { throw .bodyTooLarge(maximumBody) }
            state = length == 0 ? .complete : .fixed(length)
        } else {
            keepAlive = false
            state = .untilClose
        }
        return true
    }

    struct Head {
        var length: Int
        var status: Int
        var keepAlive: Bool
        var contentLength: Int?
        var chunked: Bool
        var retryAfter: Double?
    }

    /// Parses a head that ends with an empty line; nil if the empty line has not arrived.
    static func head(_ bytes: UnsafeRawBufferPointer) -> Result<Head?, HTTPClientFailure> {
        var end = -1
        if bytes.count >= 4 {
            var index = 0
            while index <= bytes.count - 4 {
                if bytes[index + 3] != 0x0A {
                    // The last byte of CRLFCRLF is LF; skip ahead while it cannot be.
                    index += bytes[index + 3] == 0x0D ? 1 : 4
                    continue
                }
                if bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D {
                    end = index
                    break
                }
                index += 1
            }
        }
        guard end >= 0 else { return .success(nil) }
        // Status line: HTTP/1.x SSS[ reason]
        guard end >= 12, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "1"),
            bytes[6] == UInt8(ascii: "."), bytes[7] == UInt8(ascii: "0") || bytes[7] == UInt8(ascii: "1"),
            bytes[8] == UInt8(ascii: " ")
        else { return .failure(.malformedResponse("not an HTTP/1.x status line")) }
        var status = 0
        for index in 9..<12 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return .failure(.malformedResponse("an invalid status code")) }
            status = status * 10 + Int(digit)
        }
        guard status >= 100, bytes[12] == 0x0D || bytes[12] == UInt8(ascii: " ") else {
            return .failure(.malformedResponse("an invalid status code"))
        }
        var head = Head(
            length: end + 4, status: status, keepAlive: bytes[7] == UInt8(ascii: "1"), contentLength: nil,
            chunked: false)
        var sawClose = false
        var sawKeepAlive = false
        // Header lines.
        var lineStart = 0
        while bytes[lineStart] != 0x0D || bytes[lineStart + 1] != 0x0A { lineStart += 1 }
        lineStart += 2
        while lineStart < end + 2 {
            var lineEnd = lineStart
            while bytes[lineEnd] != 0x0D || bytes[lineEnd + 1] != 0x0A { lineEnd += 1 }
            guard bytes[lineStart] != UInt8(ascii: " ") && bytes[lineStart] != UInt8(ascii: "\t") else {
                return .failure(.malformedResponse("a folded header line"))
            }
            var colon = lineStart
            while colon < lineEnd && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < lineEnd, colon > lineStart else {
                return .failure(.malformedResponse("a header without a name"))
            }
            var valueStart = colon + 1
            while valueStart < lineEnd && (bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09) { valueStart += 1 }
            var valueEnd = lineEnd
            while valueEnd > valueStart && (bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09) {
                valueEnd -= 1
            }
            let name = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<colon])
            let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            if equalsLowercase(name, "content-length") {
                var length = 0
                for byte in value {
                    let digit = byte &- UInt8(ascii: "0")
                    guard digit < 10, length < (1 << 40) else {
                        return .failure(.malformedResponse("an invalid Content-Length"))
                    }
                    length = length * 10 + Int(digit)
                }
                guard !value.isEmpty, head.contentLength == nil || head.contentLength == length else {
                    return .failure(.malformedResponse("an invalid Content-Length"))
                }
                head.contentLength = length
            } else if equalsLowercase(name, "transfer-encoding") {
                // The body is chunked when chunked is the last coding; otherwise it runs to the close.
                let last = lastToken(value)
                head.chunked = equalsLowercase(last, "chunked")
            } else if equalsLowercase(name, "connection") {
                forEachToken(value) { token in
                    if equalsLowercase(token, "close") { sawClose = true }
                    if equalsLowercase(token, "keep-alive") { sawKeepAlive = true }
                }
            } else if equalsLowercase(name, "retry-after") {
                head.retryAfter = Double(String(decoding: value, as: UTF8.self))
            }
            lineStart = lineEnd + 2
        }
        if sawClose {
            head.keepAlive = false
        } else if sawKeepAlive {
            head.keepAlive = true
        }
        return .success(head)
    }

    /// Whether `bytes` equals `lowercase` ignoring ASCII case.
    static func equalsLowercase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            guard lower == expected[index] else { return false }
        }
        return true
    }

    /// Calls `body` with each comma-separated token of a header value, trimmed.
    static func forEachToken(_ value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while start <= value.count {
            var end = start
            while end < value.count && value[end] != UInt8(ascii: ",") { end += 1 }
            var from = start
            var to = end
            while from < to && (value[from] == 0x20 || value[from] == 0x09) { from += 1 }
            while to > from && (value[to - 1] == 0x20 || value[to - 1] == 0x09) { to -= 1 }
            body(UnsafeRawBufferPointer(rebasing: value[from..<to]))
            start = end + 1
        }
    }

    static func lastToken(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var last = UnsafeRawBufferPointer(rebasing: value[0..<0])
        forEachToken(value) { last = $0 }
        return last
    }
}
