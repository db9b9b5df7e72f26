import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One accepted connection of the `HTTPTestServer`, served on its own thread: reads requests
/// one after another (keep-alive), calls the route, writes the response in the manner the
/// response asks for. Owns nothing but its read buffer; the server owns and closes the socket.
final class ServerConnection: @unchecked Sendable {
    private let descriptor: Int32
    private let number: Int
    private let server: HTTPTestServer
    /// Bytes read but not yet parsed. Touched only by the connection's own thread.
    private var buffer: [UInt8] = []

    init(descriptor: Int32, number: Int, server: HTTPTestServer) {
        self.descriptor = descriptor
        self.number = number
        self.server = server
    }

    func serve() {
        while !server.isStopping, let request = readRequest() {
            server.began(request)
            let response = server.handler(for: request.path)?(request) ?? .text("no route for \(request.path)\n").with(status: 404)
            let (completed, keepOpen) = write(response, to: request)
            server.ended(request, completed: completed)
            let clientCloses = request.header("connection")?.lowercased() == "close"
            guard completed, keepOpen, !clientCloses else { return }
        }
    }

    // MARK: Reading

    private func readRequest() -> HTTPTestRequest? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = find(terminator) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                guard let request = parse(head) else { return nil }
                // GETs carry no body, but a stray one must not be read as the next request.
                if let length = request.header("content-length").flatMap(Int.init), length > 0 {
                    guard skip(length) else { return nil }
                }
                return request
            }
            guard buffer.count < 64 * 1024, receive() else { return nil }
        }
    }

    private func parse(_ head: String) -> HTTPTestRequest? {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers[name] = headers[name].map { $0 + ", " + value } ?? String(value)
        }
        let target = parts[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return HTTPTestRequest(
            method: String(parts[0]), path: String(path[0]), query: path.count > 1 ? String(path[1]) : nil,
            headers: headers, connection: number)
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for index in 0...(buffer.count - needle.count) where buffer[index] == needle[0] {
            if Array(buffer[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    private func skip(_ count: Int) -> Bool {
        while buffer.count < count {
            guard receive() else { return false }
        }
        buffer.removeFirst(count)
        return true
    }

    /// Reads what is there into `buffer`; false at end of stream or on error.
    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                server.received(count)
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    // MARK: Writing

    /// Writes the response; returns whether it was written whole and whether the connection may
    /// carry another request.
    private func write(_ response: HTTPTestResponse, to request: HTTPTestRequest) -> (completed: Bool, keepOpen: Bool) {
        if response.delay > .zero, !pause(response.delay) { return (false, false) }
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        switch response.body {
        case .bytes(let bytes):
            head += "Content-Length: \(bytes.count)\r\n\r\n"
            let ok = send(Array(head.utf8) + (request.method == "HEAD" ? [] : bytes))
            return (ok, true)
        case .chunked(let chunk, let count):
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard send(Array(head.utf8)) else { return (false, false) }
            let framed = Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
            var sentChunks = 0
            while count.map({ sentChunks < $0 }) ?? true {
                guard !server.isStopping, send(framed) else { return (false, false) }
                sentChunks += 1
            }
            return (send(Array("0\r\n\r\n".utf8)), true)
        case .lyingLength(let announced, let actual):
            head += "Content-Length: \(announced)\r\nConnection: close\r\n\r\n"
            return (send(Array(head.utf8) + actual), false)
        case .untilClose(let chunk, let count):
            head += "Connection: close\r\n\r\n"
            guard send(Array(head.utf8)) else { return (false, false) }
            var sentChunks = 0
            while count.map({ sentChunks < $0 }) ?? true {
                guard !server.isStopping, send(chunk) else { return (false, false) }
                sentChunks += 1
            }
            return (true, false)
        case .drip(let bytes, let interval):
            head += "Content-Length: \(bytes.count)\r\n\r\n"
            guard send(Array(head.utf8)) else { return (false, false) }
            for byte in bytes {
                guard pause(interval), send([byte]) else { return (false, false) }
            }
            return (true, true)
        }
    }

    /// Writes all of `bytes`; false when the client has gone. MSG_NOSIGNAL: a closed peer must
    /// not kill the test process with SIGPIPE.
    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
            server.sent(count)
        }
        return true
    }

    /// Waits `duration` in short steps so `stop()` is not held up; false if the server stops.
    private func pause(_ duration: Duration) -> Bool {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            if server.isStopping { return false }
            let left = end - ContinuousClock.now
            let step = min(left, .milliseconds(20))
            let micros = step.components.seconds * 1_000_000 + step.components.attoseconds / 1_000_000_000_000
            usleep(useconds_t(max(0, micros)))
        }
        return !server.isStopping
    }
}

extension HTTPTestResponse {
    func with(status: Int) -> HTTPTestResponse {
        var copy = self
        copy.status = status
        return copy
    }
}
