import ArgumentParser
import Foundation
import GleanerCore
import GleanerFetch
import Logging

/// `gleaner-bench fetch --urls FILE`: one cycle of Gleaner's transport over a list of URLs, the
/// client side of the fetch benchmark. Every URL is handed to `CurlTransport` at once; the
/// transport's own limits decide how many run together, as in the daemon. Prints one JSON line:
/// how many answers of each status, the body bytes, the failures.
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
        if let saveValidators {
            try (saved.joined(separator: "\n") + "\n").write(toFile: saveValidators, atomically: true, encoding: .utf8)
        }
        let statusJSON = statuses.keys.sorted().map { "\"\($0)\":\(statuses[$0]!)" }.joined(separator: ",")
        print("{\"statuses\":{\(statusJSON)},\"bodyBytes\":\(bodyBytes),\"wireBytes\":\(wireBytes),\"failures\":\(failures.count)}")
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
}
