import ChorusTestSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import ChorusTargets

/// The lean HTTP/1.1 client against real loopback servers that answer byte for byte as each
/// test scripts: connections are reused, bodies of every framing are read, and every way a
/// server can fail is classified.
@Suite struct HTTPClientTests {
    static let okBody = #"[{"recipient_id":"u","text":"Hi!"}]"#
    static let ok =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(okBody.utf8.count)\r\n\r\n\(okBody)"

    static func client(connections: Int = 4) -> HTTP1Client {
        HTTP1Client(connectionsPerEndpoint: connections, maximumBody: 1 << 20)
    }

    static func get(_ client: HTTP1Client, _ port: Int, path: String = "/", timeout: TimeAmount = .seconds(60))
        async throws(HTTPClientFailure) -> (status: Int, body: String)
    {
        let response = try await client.execute(
            method: "POST", url: "http://127.0.0.1:\(port)\(path)", headers: [], body: #"{"q":1}"#,
            deadline: .now() + timeout)
        return (response.status, response.body.map { String(buffer: $0) } ?? "")
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<20 {
                let response = try await Self.get(client, port)
                #expect(response.status == 200 && response.body == Self.okBody)
            }
            await client.shutdown()
        }
        #expect(server.requests == 20)
        #expect(server.connections == 1)
    }

    @Test func concurrentRequestsUseAtMostThePoolsConnections() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let client = Self.client(connections: 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<25 { _ = try await Self.get(client, port) }
                    }
                }
                try await group.waitForAll()
            }
            await client.shutdown()
        }
        #expect(server.requests == 100)
        #expect(server.connections <= 4)
    }

    @Test func aChunkedResponseArrivingInPiecesIsReassembled() async throws {
        let pieces = [#"[{"te"#, #"xt":"split reply""#, "}]"]
        let chunks = pieces.enumerated().map { index, piece in
            String(piece.utf8.count, radix: 16) + (index == 1 ? ";ext=1" : "") + "\r\n" + piece + "\r\n"
        }
        let chunked =
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" + chunks.joined() + "0\r\nX-Trailer: yes\r\n\r\n"
        let server = ScriptedServer { _ in .reply(chunked, pieces: 7) }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<3 {
                let response = try await Self.get(client, port)
                #expect(response.body == #"[{"text":"split reply"}]"#)
            }
            await client.shutdown()
        }
        #expect(server.connections == 1)
    }

    @Test func connectionCloseIsHonouredAndTheNextRequestOpensANewConnection() async throws {
        let closing =
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: \(Self.okBody.utf8.count)\r\n\r\n\(Self.okBody)"
        let server = ScriptedServer { _ in .reply(closing, close: true) }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<3 {
                let response = try await Self.get(client, port)
                #expect(response.body == Self.okBody)
            }
            await client.shutdown()
        }
        #expect(server.connections == 3)
    }

    @Test func aBodyWithoutALengthRunsToTheClose() async throws {
        let server = ScriptedServer { _ in .reply("HTTP/1.0 200 OK\r\n\r\n" + Self.okBody, close: true) }
        try await server.run { port in
            let client = Self.client()
            let first = try await Self.get(client, port)
            let second = try await Self.get(client, port)
            #expect(first.body == Self.okBody && second.body == Self.okBody)
            await client.shutdown()
        }
        #expect(server.connections == 2)
    }

    @Test func informationalResponsesAreSkippedAndStatusesReported() async throws {
        let server = ScriptedServer { index in
            index == 0
                ? .reply("HTTP/1.1 100 Continue\r\n\r\n" + Self.ok)
                : .reply("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 0\r\n\r\n")
        }
        try await server.run { port in
            let client = Self.client()
            let continued = try await Self.get(client, port)
            #expect(continued.status == 200)
            let limited = try await client.execute(
                method: "GET", url: "http://127.0.0.1:\(port)/", headers: [], body: nil, deadline: .now() + .seconds(5))
            #expect(limited.status == 429 && limited.retryAfter == 3 && limited.body == nil)
            await client.shutdown()
        }
        #expect(server.connections == 1)
    }

    @Test func aDroppedConnectionFailsAsClosedBeforeReply() async throws {
        let server = ScriptedServer { _ in .drop }
        try await server.run { port in
            let client = Self.client()
            await #expect(throws: HTTPClientFailure.closedBeforeReply) { try await Self.get(client, port) }
            await client.shutdown()
        }
        #expect(server.requests == 1)
    }

    @Test func aStallPastTheDeadlineIsATimeout() async throws {
        let server = ScriptedServer { _ in .stall }
        try await server.run { port in
            let client = Self.client()
            await #expect(throws: HTTPClientFailure.timeout) {
                try await Self.get(client, port, timeout: .seconds(1))
            }
            await client.shutdown()
        }
        // Never retried. (On a loaded machine the request may not even reach the server in time.)
        #expect(server.requests <= 1)
    }

    @Test func aRefusedPortIsConnectionRefused() async throws {
        // A port held bound but never listened on: connections to it are refused.
        try await FreePort.refusing { port in
            let client = Self.client()
            await #expect(throws: HTTPClientFailure.connectionRefused) { try await Self.get(client, port) }
            await client.shutdown()
        }
    }

    @Test func aResponseThatIsNotHTTPIsMalformed() async throws {
        let server = ScriptedServer { _ in .reply("SSH-2.0-OpenSSH\r\n\r\n") }
        try await server.run { port in
            let client = Self.client()
            await #expect(throws: HTTPClientFailure.malformedResponse("not an HTTP/1.x status line")) {
                try await Self.get(client, port)
            }
            await client.shutdown()
        }
    }

    @Test func aCancelledRequestEndsAtOnce() async throws {
        let server = ScriptedServer { _ in .stall }
        try await server.run { port in
            let client = Self.client()
            let task = Task { try await Self.get(client, port, timeout: .seconds(30)) }
            while server.requests == 0 { try await Task.sleep(for: .milliseconds(5)) }
            task.cancel()
            await #expect(throws: HTTPClientFailure.cancelled) { try await task.value }
            await client.shutdown()
        }
    }

    @Test func theRequestIsWrittenWithHostHeadersAndLength() throws {
        let url = try HTTPURL(parsing: "http://user:pw@bot.example:8080/api/turn?x=1#frag")
        #expect(url.endpoint == HTTPEndpoint(tls: false, host: "bot.example", port: 8080))
        let buffer = try HTTP1Client.encode(
            method: "POST", url: url, headers: [("Authorization", "Bearer t"), ("content-length", "99")],
            body: "{\"é\":1}")
        #expect(
            String(buffer: buffer)
                == "POST /api/turn?x=1 HTTP/1.1\r\nHost: bot.example:8080\r\nAuthorization: Bearer t\r\n"
                + "Content-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"é\":1}")
        #expect(throws: HTTPClientFailure.invalidHeader("X-Evil")) {
            try HTTP1Client.encode(method: "GET", url: url, headers: [("X-Evil", "a\r\nInjected: 1")], body: nil)
        }
    }

    @Test(arguments: [
        ("https://[::1]/v1", HTTPEndpoint(tls: true, host: "::1", port: 443), "/v1"),
        ("http://127.0.0.1:5005", HTTPEndpoint(tls: false, host: "127.0.0.1", port: 5005), "/"),
        ("http://h?q=1", HTTPEndpoint(tls: false, host: "h", port: 80), "/?q=1"),
    ])
    func urlsSplitIntoEndpointAndTarget(_ text: String, _ endpoint: HTTPEndpoint, _ target: String) throws {
        let url = try HTTPURL(parsing: text)
        #expect(url.endpoint == endpoint && url.target == target)
    }

    @Test func urlsThatAreNotHTTPAreRejected() {
        for text in ["ftp://h/", "http://", "http://h:99999/", "http://h:x/", "h/path"] {
            #expect(throws: HTTPClientFailure.self) { try HTTPURL(parsing: text) }
        }
    }

    /// The parser gives the same responses whether bytes arrive all at once or one by one.
    @Test func theParserIsIncremental() throws {
        let stream =
            Self.ok + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
            + "HTTP/1.1 503 Busy\r\nCONNECTION: close\r\ncontent-length: 2\r\n\r\nno"
        let expected = [(200, Self.okBody, true), (200, "abc", true), (204, "", true), (503, "no", false)]
        for pieceSize in [stream.utf8.count, 1, 7] {
            var parser = HTTP1ResponseParser(maximumBody: 1 << 20)
            var pending = ByteBuffer()
            var responses: [(Int, String, Bool)] = []
            let bytes = Array(stream.utf8)
            for start in stride(from: 0, to: bytes.count, by: pieceSize) {
                pending.writeBytes(bytes[start..<min(start + pieceSize, bytes.count)])
                while let response = try parser.parse(&pending) {
                    responses.append(
                        (response.status, response.body.map { String(buffer: $0) } ?? "", response.keepAlive))
                }
            }
            #expect(responses.map(\.0) == expected.map(\.0))
            #expect(responses.map(\.1) == expected.map(\.1))
            #expect(responses.map(\.2) == expected.map(\.2))
        }
    }

    @Test func theParserRejectsWhatItCannotFrame() {
        for head in [
            "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "HTTP/1.1 200 OK\r\n folded\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n",
        ] {
            var parser = HTTP1ResponseParser(maximumBody: 1 << 20)
            var buffer = ByteBuffer(string: head)
            #expect(throws: HTTPClientFailure.self, "\(head)") { try parser.parse(&buffer) }
        }
    }

    /// Through the transport: a pool of one connection serves a whole conversation.
    @Test func aRasaConversationUsesOneConnection() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let path = try TargetTests.write("rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: 1))
            let replies = try await TargetTests.play(target, ["hello", "where is my order", "bye"])
            await target.shutdown()
            #expect(replies.map(\.texts) == [["Hi!"], ["Hi!"], ["Hi!"]])
        }
        #expect(server.requests == 3 && server.connections == 1)
    }
}

/// A loopback server that answers each request as the test scripts it, and counts the
/// connections it accepted and the requests it read.
final class ScriptedServer: Sendable {
    enum Answer: Sendable {
        /// Writes `text` (in `pieces` separate writes), then closes the connection if `close`.
        case reply(String, pieces: Int = 1, close: Bool = false)
        /// Closes the connection without answering.
        case drop
        /// Never answers.
        case stall
    }

    private let script: @Sendable (Int) -> Answer
    private let counts = Mutex((connections: 0, requests: 0))

    /// `script` gets the index of the request (0 for the first) and says how to answer it.
    init(_ script: @escaping @Sendable (Int) -> Answer) {
        self.script = script
    }

    var connections: Int { counts.withLock { $0.connections } }
    var requests: Int { counts.withLock { $0.requests } }

    /// Serves on a free loopback port for the length of `body`.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                self.counts.withLock { $0.connections += 1 }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        do {
            let result = try await body(port)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    fileprivate func answer() -> Answer {
        let index = counts.withLock { counts in
            defer { counts.requests += 1 }
            return counts.requests
        }
        return script(index)
    }

    /// Reads requests (a head, then `Content-Length` bytes of body) and answers each.
    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: ScriptedServer
        var pending = ByteBuffer()

        init(server: ScriptedServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var incoming = unwrapInboundIn(data)
            pending.writeBuffer(&incoming)
            while let length = requestLength() {
                pending.moveReaderIndex(forwardBy: length)
                switch server.answer() {
                case .reply(let text, let pieces, let close):
                    let bytes = Array(text.utf8)
                    let size = max(1, (bytes.count + pieces - 1) / pieces)
                    for start in stride(from: 0, to: bytes.count, by: size) {
                        context.writeAndFlush(
                            wrapOutboundOut(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)])),
                            promise: nil)
                    }
                    if close { context.close(promise: nil) }
                case .drop:
                    context.close(promise: nil)
                    return
                case .stall:
                    return
                }
            }
        }

        /// The length of the first complete request in `pending`, if it has arrived.
        func requestLength() -> Int? {
            let text = String(buffer: pending)
            guard let end = text.utf8.firstRange(of: "\r\n\r\n".utf8) else { return nil }
            let head = text[..<end.lowerBound].lowercased()
            let length =
                head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            let total = text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound) + length
            return pending.readableBytes >= total ? total : nil
        }
    }
}
