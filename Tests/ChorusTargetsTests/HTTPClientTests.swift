import ChorusTestSupport
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import ChorusTargets

/// The HTTP/1.1 client against real loopback servers that answer byte for byte as each test
/// scripts: connections are reused (and retired when idle), bodies of every framing are read
/// by NIOHTTP1's decoder, and every way a server can fail is classified. Deadlines run on a
/// test clock, so no outcome depends on how busy the machine is.
/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct HTTPClientTests {
    static let okBody = #"[{"recipient_id":"u","text":"Hi!"}]"#
    static let ok =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(okBody.utf8.count)\r\n\r\n\(okBody)"

    static func client(connections: Int = 4, maximumBody: Int = 1 << 20, clock: TestClock = TestClock())
        -> HTTP1Client
    {
        HTTP1Client(
            connectionsPerEndpoint: connections, maximumBody: maximumBody, clock: clock, idleTimeout: .seconds(4))
    }

    static func post(
        _ client: HTTP1Client, _ port: Int, method: String = "POST", clock: TestClock = TestClock(),
        timeout: Duration = .seconds(10)
    ) async throws(HTTPClientFailure) -> (status: Int, body: String) {
        let response = try await client.execute(
            method: method, url: "http://127.0.0.1:\(port)/", headers: [], body: method == "POST" ? #"{"q":1}"# : nil,
            deadline: clock.now + timeout)
        return (response.status, response.body.map { String(buffer: $0) } ?? "")
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<20 {
                let response = try await Self.post(client, port)
                #expect(response.status == 200 && response.body == Self.okBody)
            }
            await client.shutdown()
        }
        #expect(server.requests.value == 20)
        #expect(server.connections.value == 1)
    }

    @Test func concurrentRequestsUseAtMostThePoolsConnections() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let client = Self.client(connections: 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<25 { _ = try await Self.post(client, port) }
                    }
                }
                try await group.waitForAll()
            }
            await client.shutdown()
        }
        #expect(server.requests.value == 100)
        #expect(server.connections.value <= 4)
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
                let response = try await Self.post(client, port)
                #expect(response.body == #"[{"text":"split reply"}]"#)
            }
            await client.shutdown()
        }
        #expect(server.connections.value == 1)
    }

    /// Every framing, written one byte at a time on one connection: a length, chunks, a status
    /// without a body, and a last response that closes the connection.
    @Test func responsesOfEveryFramingArriveByteByByte() async throws {
        let responses = [
            Self.ok, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 503 Busy\r\nCONNECTION: close\r\ncontent-length: 2\r\n\r\nno",
        ]
        let server = ScriptedServer { request in
            let text = responses[request.index]
            return .reply(text, pieces: text.utf8.count)
        }
        let results = try await server.run { port in
            let client = Self.client()
            var results: [(Int, String)] = []
            for _ in responses { results.append(try await Self.post(client, port)) }
            await client.shutdown()
            return results
        }
        #expect(results.map(\.0) == [200, 200, 204, 503])
        #expect(results.map(\.1) == [Self.okBody, "abc", "", "no"])
        #expect(server.connections.value == 1)
    }

    /// The decoder knows each request's method: a reply to HEAD has no body whatever its
    /// `Content-Length`, and the next reply on the connection is read right.
    @Test func aReplyToHEADHasNoBodyAndTheConnectionStaysInStep() async throws {
        let server = ScriptedServer { request in
            request.method == "HEAD" ? .reply("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n") : .reply(Self.ok)
        }
        try await server.run { port in
            let client = Self.client()
            let head = try await Self.post(client, port, method: "HEAD")
            #expect(head.status == 200 && head.body == "")
            let next = try await Self.post(client, port)
            #expect(next.body == Self.okBody)
            await client.shutdown()
        }
        #expect(server.connections.value == 1)
    }

    @Test func connectionCloseIsHonouredAndTheNextRequestOpensANewConnection() async throws {
        let closing =
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: \(Self.okBody.utf8.count)\r\n\r\n\(Self.okBody)"
        let server = ScriptedServer { _ in .reply(closing, close: true) }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<3 {
                let response = try await Self.post(client, port)
                #expect(response.body == Self.okBody)
            }
            await client.shutdown()
        }
        #expect(server.connections.value == 3)
    }

    @Test func aBodyWithoutALengthRunsToTheClose() async throws {
        let server = ScriptedServer { _ in .reply("HTTP/1.0 200 OK\r\n\r\n" + Self.okBody, close: true) }
        try await server.run { port in
            let client = Self.client()
            let first = try await Self.post(client, port)
            let second = try await Self.post(client, port)
            #expect(first.body == Self.okBody && second.body == Self.okBody)
            await client.shutdown()
        }
        #expect(server.connections.value == 2)
    }

    @Test func informationalResponsesAreSkippedAndStatusesReported() async throws {
        let server = ScriptedServer { request in
            request.index == 0
                ? .reply("HTTP/1.1 100 Continue\r\n\r\n" + Self.ok)
                : .reply("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 0\r\n\r\n")
        }
        try await server.run { port in
            let client = Self.client()
            let continued = try await Self.post(client, port)
            #expect(continued.status == 200)
            let limited = try await client.execute(
                method: "GET", url: "http://127.0.0.1:\(port)/", headers: [], body: nil, deadline: .seconds(5))
            #expect(limited.status == 429 && limited.retryAfter == 3 && limited.body == nil)
            await client.shutdown()
        }
        #expect(server.connections.value == 1)
    }

    /// On a fresh connection, closing or resetting it unanswered is the bot's doing: classified,
    /// never retried.
    @Test(arguments: [
        (ScriptedServer.Answer.drop, HTTPClientFailure.closedBeforeReply), (.reset, .reset),
    ])
    func aFreshConnectionClosedUnansweredFailsAndIsNotRetried(
        _ answer: ScriptedServer.Answer, failure: HTTPClientFailure
    ) async throws {
        let server = ScriptedServer { _ in answer }
        try await server.run { port in
            let client = Self.client()
            await #expect(throws: failure) { try await Self.post(client, port) }
            await client.shutdown()
        }
        #expect(server.requests.value == 1)
    }

    /// A server that closes a kept-alive connection just as the next request arrives (as one
    /// closing idle connections does): the request goes once more, on a fresh connection.
    @Test(arguments: [ScriptedServer.Answer.drop, .reset])
    func aKeptAliveConnectionClosedBeforeAnyReplyIsRetriedOnAFreshConnection(_ failure: ScriptedServer.Answer)
        async throws
    {
        let server = ScriptedServer { request in request.onConnection == 0 ? .reply(Self.ok) : failure }
        try await server.run { port in
            let client = Self.client()
            for _ in 0..<2 {
                let response = try await Self.post(client, port)
                #expect(response.body == Self.okBody)
            }
            await client.shutdown()
        }
        #expect(server.requests.value == 3)
        #expect(server.connections.value == 2)
    }

    /// After the first reply, every request fails. Closed unanswered, the request is retried
    /// once, on a fresh connection (three requests reach the server); a reply that had begun
    /// may have been acted on, so cut short it is an error at once (two requests).
    @Test(arguments: [
        (ScriptedServer.Answer.drop, 3),
        (.reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n[{", close: true), 2),
    ])
    func aRetryOnAFreshConnectionHappensOnceAndOnlyForAnUnansweredRequest(
        _ failure: ScriptedServer.Answer, requests: Int
    ) async throws {
        let server = ScriptedServer { request in request.index == 0 ? .reply(Self.ok) : failure }
        try await server.run { port in
            let client = Self.client()
            _ = try await Self.post(client, port)
            await #expect(throws: HTTPClientFailure.closedBeforeReply) { try await Self.post(client, port) }
            await client.shutdown()
        }
        #expect(server.requests.value == requests)
    }

    /// A connection idle for the idle timeout (4 s here) is closed by the client by itself, and
    /// the next request opens another; one idle a moment less is reused.
    @Test(arguments: [(Duration.seconds(4), 2), (.milliseconds(3999), 1)])
    func aConnectionIdleForTheIdleTimeoutIsClosedAndNeverReused(_ idle: Duration, connections: Int) async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        let clock = TestClock()
        try await server.run { port in
            let client = Self.client(clock: clock)
            _ = try await Self.post(client, port, clock: clock)
            clock.advance(by: idle)
            // Closed without another request coming.
            if connections == 2 { await server.closed.reached(1) }
            _ = try await Self.post(client, port, clock: clock)
            await client.shutdown()
        }
        #expect(server.connections.value == connections)
    }

    /// The deadline fires when the clock passes it, not a moment before: the request is in
    /// flight at the server when the test moves the clock.
    @Test func aStallPastTheDeadlineIsATimeout() async throws {
        let server = ScriptedServer { _ in .stall }
        let clock = TestClock()
        try await server.run { port in
            let client = Self.client(clock: clock)
            let request = Task { try await Self.post(client, port, clock: clock, timeout: .seconds(1)) }
            await server.requests.reached(1)
            clock.advance(by: .milliseconds(999))
            #expect(clock.pendingDeadlines == [.seconds(1)])
            clock.advance(by: .milliseconds(1))
            await #expect(throws: HTTPClientFailure.timeout) { try await request.value }
            await client.shutdown()
        }
        // Never retried.
        #expect(server.requests.value == 1)
    }

    @Test func aRefusedPortIsConnectionRefused() async throws {
        // A port held bound but never listened on: connections to it are refused.
        try await FreePort.refusing { port in
            let client = Self.client()
            await #expect(throws: HTTPClientFailure.connectionRefused) { try await Self.post(client, port) }
            await client.shutdown()
        }
    }

    /// What NIOHTTP1's decoder cannot frame, or a body over the limit, ends the exchange.
    @Test func whatCannotBeFramedIsMalformedAndAnOversizedBodyTooLarge() async throws {
        let malformed = [
            "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
        ]
        let tooLarge = [
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n",
        ]
        let all = malformed + tooLarge
        let server = ScriptedServer { request in .reply(all[request.index]) }
        let failures = try await server.run { port in
            let client = Self.client(maximumBody: 20)
            var failures: [HTTPClientFailure?] = []
            for _ in all {
                do throws(HTTPClientFailure) {
                    _ = try await Self.post(client, port)
                    failures.append(nil)
                } catch {
                    failures.append(error)
                }
            }
            await client.shutdown()
            return failures
        }
        for (text, failure) in zip(all, failures) {
            if malformed.contains(text) {
                guard case .malformedResponse? = failure else {
                    Issue.record("\(text.debugDescription) gave \(String(describing: failure))")
                    continue
                }
            } else {
                #expect(failure == .bodyTooLarge(20), "\(text.debugDescription)")
            }
        }
        #expect(server.connections.value == all.count, "a connection that failed is never reused")
    }

    @Test func aCancelledRequestEndsAtOnce() async throws {
        let server = ScriptedServer { _ in .stall }
        try await server.run { port in
            let client = Self.client()
            let task = Task { try await Self.post(client, port, timeout: .seconds(30)) }
            await server.requests.reached(1)
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

    /// Through the transport: a pool of one connection serves a whole conversation.
    @Test func aRasaConversationUsesOneConnection() async throws {
        let server = ScriptedServer { _ in .reply(Self.ok) }
        try await server.run { port in
            let path = try TargetTests.write("rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(concurrency: 1, clock: TestClock()))
            let replies = try await TargetTests.play(target, ["hello", "where is my order", "bye"])
            await target.shutdown()
            #expect(replies.map(\.texts) == [["Hi!"], ["Hi!"], ["Hi!"]])
        }
        #expect(server.requests.value == 3 && server.connections.value == 1)
    }
}

/// A loopback server that answers each request as the test scripts it, and counts the
/// connections it accepted and closed and the requests it read; tests await the counts.
final class ScriptedServer: Sendable {
    enum Answer: Sendable {
        /// Writes `text` (in `pieces` separate writes), then closes the connection if `close`.
        case reply(String, pieces: Int = 1, close: Bool = false)
        /// Closes the connection without answering.
        case drop
        /// Resets the connection (TCP RST) without answering.
        case reset
        /// Never answers.
        case stall
    }

    /// A request as the script sees it.
    struct Request: Sendable {
        /// 0 for the server's first request.
        var index: Int
        /// 0 for the first request on its connection.
        var onConnection: Int
        var method: String
    }

    private let script: @Sendable (Request) -> Answer
    let connections = EventCount()
    let closed = EventCount()
    let requests = EventCount()

    init(_ script: @escaping @Sendable (Request) -> Answer) {
        self.script = script
    }

    /// Serves on a free loopback port for the length of `body`.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LoopbackServer.run(
            handler: {
                self.connections.add()
                return Handler(server: self)
            }, body)
    }

    fileprivate func answer(onConnection: Int, method: String) -> Answer {
        let index = requests.add() - 1
        return script(Request(index: index, onConnection: onConnection, method: method))
    }

    /// Reads requests (a head, then `Content-Length` bytes of body) and answers each.
    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: ScriptedServer
        var pending = ByteBuffer()
        var served = 0

        init(server: ScriptedServer) { self.server = server }

        func channelInactive(context: ChannelHandlerContext) {
            server.closed.add()
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var incoming = unwrapInboundIn(data)
            pending.writeBuffer(&incoming)
            while let (length, method) = request() {
                pending.moveReaderIndex(forwardBy: length)
                served += 1
                switch server.answer(onConnection: served - 1, method: method) {
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
                case .reset:
                    // Linger 0: closing sends RST instead of FIN.
                    let channel = context.channel
                    let option = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                    (option ?? channel.eventLoop.makeSucceededVoidFuture()).whenComplete { _ in
                        channel.close(promise: nil)
                    }
                    return
                case .stall:
                    return
                }
            }
        }

        /// The length and method of the first complete request in `pending`, if it has arrived.
        func request() -> (Int, String)? {
            let text = String(buffer: pending)
            guard let end = text.utf8.firstRange(of: "\r\n\r\n".utf8) else { return nil }
            let head = text[..<end.lowerBound]
            let lines = head.lowercased().split(separator: "\r\n")
            let length =
                lines.first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            let total = text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound) + length
            let method = head.split(separator: " ").first.map(String.init) ?? ""
            return pending.readableBytes >= total ? (total, method) : nil
        }
    }
}
