import ArgumentParser
import Foundation
import HTTPTestServer

/// `gleaner-bench serve --feeds N`: the feed server of the fetch benchmark, in its own process
/// so its CPU is not counted against either client. Serves `/feed/1.xml` … `/feed/N.xml`
/// (RSS 2.0, about 20 items, 15–40 KB, each different) with ETag and Last-Modified, and 304
/// when the request's validators match.
///
/// Prints `port P` once listening. Then reads commands on stdin, one a line: `stats` prints the
/// counters as one JSON line, `reset` zeroes them and prints `ok`. End of stdin stops the
/// server, so it never outlives the benchmark that started it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve generated feeds on 127.0.0.1 (stdin: stats, reset).")

    @Option(help: "How many feeds to serve.")
    var feeds = 1000

    func run() throws {
        // Generated up front, so the first cycle does not time the generator.
        let bodies = (1...max(1, feeds)).map { FeedGenerator.feed(.rss, number: $0, items: 20, targetBytes: 15_000 + ($0 * 7_919) % 25_000) }
        let server = try HTTPTestServer()
        defer { server.stop() }
        let lastModified = "Mon, 23 Nov 2026 08:00:00 GMT"
        server.fallback { request in
            guard request.path.hasPrefix("/feed/"), request.path.hasSuffix(".xml"),
                let number = Int(request.path.dropFirst(6).dropLast(4)), number >= 1, number <= bodies.count
            else { return HTTPTestResponse.text("no feed at \(request.path)\n").withStatus(404) }
            let body = bodies[number - 1]
            return .conditional(request, etag: "\"f\(number)-\(body.count)\"", lastModified: lastModified, body: body)
        }
        let total = bodies.reduce(0) { $0 + $1.count }
        emit("port \(server.port) feeds \(bodies.count) bytes \(total)")
        while let line = Swift.readLine() {
            switch line.trimmingCharacters(in: .whitespaces) {
            case "stats":
                let stats = server.stats
                emit(
                    "{\"requests\":\(stats.requests),\"connections\":\(stats.connections),\"maxInFlight\":\(stats.maxInFlight),"
                        + "\"bytesSent\":\(stats.bytesSent),\"bytesReceived\":\(stats.bytesReceived)}")
            case "reset":
                server.resetStats()
                emit("ok")
            default:
                emit("error unknown command \(line)")
            }
        }
    }

    /// One line to stdout at once, unbuffered: the parent waits for it on a pipe.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// The counters `serve` prints for `stats`.
struct ServerCounters: Decodable {
    var requests: Int
    var connections: Int
    var maxInFlight: Int
    var bytesSent: Int
    var bytesReceived: Int
}

extension HTTPTestResponse {
    func withStatus(_ status: Int) -> HTTPTestResponse {
        var copy = self
        copy.status = status
        return copy
    }
}
