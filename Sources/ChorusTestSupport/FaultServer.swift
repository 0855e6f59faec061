import ChorusModel
import Foundation
import Hummingbird
import Synchronization

/// A deliberately faulty bot server for network tests: every request to any path is answered
/// as the test's `plan` says — a JSON body, an error status (optionally with `Retry-After`),
/// a body that is not JSON, or a stall that outlasts the client's timeout — and recorded, so
/// tests can count retries at the server.
public final class FaultServer: Sendable {
    /// How to answer one request.
    public enum Action: Sendable {
        /// 200 with this JSON body.
        case json(String)
        /// This status with a short text body, and `Retry-After` seconds when given.
        case status(Int, retryAfter: Int? = nil)
        /// 200 with a body that is not JSON.
        case malformed
        /// No answer until the server stops.
        case stall
    }

    /// A request as the server saw it.
    public struct Recorded: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: String
    }

    /// Chooses the answer to a request; `count` is how many requests reached its path before
    /// it (0 for the first).
    public typealias Plan = @Sendable (_ request: Recorded, _ count: Int) -> Action

    private let plan: Plan
    private let recorded = Mutex<[Recorded]>([])
    private let arrivals = EventCount()
    private let stopped = EventCount()

    public init(plan: @escaping Plan) {
        self.plan = plan
    }

    /// Every request so far, in arrival order.
    public var requests: [Recorded] { recorded.withLock { $0 } }

    /// How many requests reached `path`.
    public func count(_ path: String) -> Int { requests.filter { $0.path == path }.count }

    /// Returns once `count` requests in all have reached the server.
    public func requestsArrived(_ count: Int) async {
        await arrivals.reached(count)
    }

    /// Serves on a free loopback port for the length of `body`.
    public func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.on("**", method: .post) { request, context in try await self.answer(request, context) }
        router.on("**", method: .get) { request, context in try await self.answer(request, context) }
        router.on("**", method: .delete) { request, context in try await self.answer(request, context) }
        return try await LoopbackServer.run(router) { port in
            // Stalled requests end before the server stops, so it stops at once.
            defer { self.stopped.add() }
            return try await body(port)
        }
    }

    private func answer(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.rawName] = field.value }
        let entry = Recorded(
            method: request.method.rawValue, path: request.uri.path, headers: headers, body: String(buffer: buffer))
        let count = recorded.withLock { list in
            defer { list.append(entry) }
            return list.filter { $0.path == entry.path }.count
        }
        arrivals.add()
        switch plan(entry, count) {
        case .json(let text):
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        case .status(let code, let retryAfter):
            var fields: HTTPFields = [.contentType: "text/plain"]
            if let retryAfter { fields[.retryAfter] = String(retryAfter) }
            return Response(
                status: .init(code: code), headers: fields, body: .init(byteBuffer: ByteBuffer(string: "fault \(code)"))
            )
        case .malformed:
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"texts\": [\"unterminated")))
        case .stall:
            await stopped.reached(1)
            return Response(status: .serviceUnavailable)
        }
    }
}
