import Foundation
import GleanerCore
import Synchronization

/// An in-memory `HTTPTransport` for scheduler tests: each URL answers from a script (a queue
/// of replies, the last one repeated), and every request is recorded so tests can check what
/// was asked, with which validators, and how often. An unscripted URL is a transport error.
final class ScriptedTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(status: Int, headers: [String: String], body: String)
        case failure(FetchError.Kind, String)

        static func ok(_ body: String, _ headers: [String: String] = [:]) -> Reply {
            .response(status: 200, headers: headers, body: body)
        }

        static func status(_ status: Int, _ headers: [String: String] = [:]) -> Reply {
            .response(status: status, headers: headers, body: "")
        }
    }

    private struct State {
        var scripts: [String: [Reply]] = [:]
        var requests: [FetchRequest] = []
    }

    private let state = Mutex(State())

    /// Replaces what `url` answers from now on.
    func script(_ url: String, _ replies: Reply...) {
        state.withLock { $0.scripts[url] = replies }
    }

    var requests: [FetchRequest] {
        state.withLock { $0.requests }
    }

    func requests(to url: String) -> [FetchRequest] {
        requests.filter { $0.url == url }
    }

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let reply = state.withLock { state -> Reply? in
            state.requests.append(request)
            guard var queue = state.scripts[request.url], let first = queue.first else { return nil }
            if queue.count > 1 {
                queue.removeFirst()
                state.scripts[request.url] = queue
            }
            return first
        }
        switch reply {
        case nil:
            throw FetchError(kind: .transport, url: request.url, message: "no script for \(request.url)")
        case .failure(let kind, let message):
            throw FetchError(kind: kind, url: request.url, message: message)
        case .response(let status, let headers, let body):
            return FetchResponse(
                requestedURL: request.url, finalURL: request.url, status: status, headers: headers,
                body: Array(body.utf8), wireBytes: body.utf8.count, httpVersion: "1.1")
        }
    }
}
