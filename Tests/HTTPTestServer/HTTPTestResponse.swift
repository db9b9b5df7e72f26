/// A request as the test server parsed it: method, path (without query), query, headers with
/// lower-case names.
public struct HTTPTestRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: String?
    public var headers: [String: String]
    /// Which connection (numbered from 1 in accept order) carried the request.
    public var connection: Int

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What a route answers: status, headers and a body that may misbehave on purpose (endless,
/// lying about its length, dripping a byte at a time) so tests can check the client's limits.
public struct HTTPTestResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// Time to wait before answering, so a request stays "in flight" and concurrency can be seen.
    public var delay: Duration

    public enum Body: Sendable {
        /// Exactly these bytes, with a true `Content-Length`.
        case bytes([UInt8])
        /// Chunked transfer encoding: `chunk` repeated `count` times, or forever while the
        /// client reads (nil).
        case chunked(chunk: [UInt8], count: Int?)
        /// `Content-Length: announced`, then `actual` (longer), then the connection is closed.
        case lyingLength(announced: Int, actual: [UInt8])
        /// No length at all: `chunk` repeated `count` times (nil: forever), ended by closing.
        case untilClose(chunk: [UInt8], count: Int?)
        /// A true `Content-Length`, but one byte every `interval`.
        case drip([UInt8], interval: Duration)
    }

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body = .bytes([]), delay: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    /// A 200 with a text body.
    public static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", headers: [(name: String, value: String)] = [], delay: Duration = .zero) -> HTTPTestResponse {
        HTTPTestResponse(status: 200, headers: [("Content-Type", contentType)] + headers, body: .bytes(Array(text.utf8)), delay: delay)
    }

    /// A redirect to `location` (absolute or relative).
    public static func redirect(to location: String, status: Int = 302) -> HTTPTestResponse {
        HTTPTestResponse(status: status, headers: [("Location", location)])
    }

    /// 304 when the request's `If-None-Match` names `etag` or its `If-Modified-Since` equals
    /// `lastModified`; otherwise 200 with `body` and both validators.
    public static func conditional(
        _ request: HTTPTestRequest, etag: String, lastModified: String, body: [UInt8], contentType: String = "application/rss+xml"
    ) -> HTTPTestResponse {
        let validators: [(name: String, value: String)] = [("ETag", etag), ("Last-Modified", lastModified)]
        let tags = request.header("if-none-match")?.split(separator: ",").map { $0.trimmingCharacters(in: " ") } ?? []
        if tags.contains(etag) || tags.contains("*") || (tags.isEmpty && request.header("if-modified-since") == lastModified) {
            return HTTPTestResponse(status: 304, headers: validators)
        }
        return HTTPTestResponse(status: 200, headers: [("Content-Type", contentType)] + validators, body: .bytes(body))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}

/// The standard reason phrase, for the status line.
func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 404: "Not Found"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 503: "Service Unavailable"
    default: "Status"
    }
}
