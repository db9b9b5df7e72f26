import ArgumentParser
import Foundation
import GleanerCore
import GleanerFetch
import Logging

/// `gleaner-bench fetch --urls FILE`: one cycle of Gleaner's transport over a list of URLs, the
/// client side of the fetch benchmark. Every URL is handed to `CurlTransport` at once; the
/// transport's own limits decide how many run together, as in the daemon. Prints one JSON line:
/// how many answers of each status, the body bytes, the failures, and the cycle's own wall and
/// CPU time measured inside the process (from the first fetch handed over to the last answer,
/// with the transport already set up): what a running daemon pays per cycle, without the
/// process start the parent's figures include.
///
/// `--save-validators` writes each answer's ETag and Last-Modified (tab-separated, one URL a
/// line) so a second cycle can send them back with `--validators` and be answered 304.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Fetch a list of URLs once with CurlTransport.")

    @Option(help: "A file with one URL a line.")
    var urls: String

    @Option(help: "Transfers at once (also the per-host limit: the benchmark's URLs share one host).")
    var concurrency = 32

    @Option(help: "Send these validators (url TAB etag TAB last-modified a line).")
    var validators: String?

    @Option(help: "Write each answer's validators here.")
    var saveValidators: String?

    func run() async throws {
        let list = try String(contentsOfFile: urls, encoding: .utf8).split(separator: "\n").map(String.init)
        let known = try validators.map(Self.readValidators) ?? [:]
        let requests = list.map { url in FetchRequest(url: url, etag: known[url]?.etag, lastModified: known[url]?.lastModified) }
        let settings = TransportSettings(
            timeout: .seconds(60), concurrency: concurrency, perHostConcurrency: concurrency, allowPrivateNetworks: true)
        var logger = Logger(label: "gleaner-bench")
        logger.logLevel = .warning
        let transport = try CurlTransport(settings: settings, logger: logger)
        defer { transport.shutdown() }

        let before = CycleClock.now()
        var statuses: [Int: Int] = [:]
        var bodyBytes = 0
        var wireBytes = 0
        var failures: [String] = []
        var saved: [String] = []
        await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
            for request in requests {
                group.addTask {
                    do throws(FetchError) {
                        return .success(try await transport.fetch(request))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for await result in group {
                switch result {
                case .success(let response):
                    statuses[response.status, default: 0] += 1
                    bodyBytes += response.body.count
                    wireBytes += response.wireBytes
                    if saveValidators != nil {
                        saved.append("\(response.requestedURL)\t\(response.etag ?? "")\t\(response.lastModified ?? "")")
                    }
                case .failure(let error):
                    failures.append("\(error)")
                }
            }
        }
        let cycle = CycleClock.now().since(before)
        if let saveValidators {
            try (saved.joined(separator: "\n") + "\n").write(toFile: saveValidators, atomically: true, encoding: .utf8)
        }
        let statusJSON = statuses.keys.sorted().map { "\"\($0)\":\(statuses[$0]!)" }.joined(separator: ",")
        print(
            "{\"statuses\":{\(statusJSON)},\"bodyBytes\":\(bodyBytes),\"wireBytes\":\(wireBytes),\"failures\":\(failures.count),"
                + "\"cycleWall\":\(cycle.wall),\"cycleUser\":\(cycle.user),\"cycleSystem\":\(cycle.system)}")
        for failure in failures.prefix(5) {
            FileHandle.standardError.write(Data("gleaner-bench fetch: \(failure)\n".utf8))
        }
    }

    static func readValidators(_ path: String) throws -> [String: (etag: String?, lastModified: String?)] {
        var result: [String: (etag: String?, lastModified: String?)] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw BenchError("\(path): expected url, etag and last-modified in \"\(line)\"") }
            result[fields[0]] = (fields[1].isEmpty ? nil : fields[1], fields[2].isEmpty ? nil : fields[2])
        }
        return result
    }
}

/// What a client printed for one cycle.
struct ClientSummary: Decodable {
    var statuses: [String: Int]
    var bodyBytes: Int
    var failures: Int
    var cycleWall: Double
    var cycleUser: Double
    var cycleSystem: Double
}

/// Wall and CPU time of this process (all its threads: the transport's loop thread and the
/// task pool), read before and after a cycle.
struct CycleClock {
    var wall: ContinuousClock.Instant
    var user: Double
    var system: Double

    static func now() -> CycleClock {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return CycleClock(wall: .now, user: seconds(usage.ru_utime), system: seconds(usage.ru_stime))
    }

    func since(_ start: CycleClock) -> (wall: Double, user: Double, system: Double) {
        let elapsed = (wall - start.wall).components
        return (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, user - start.user, system - start.system)
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
}
