import ArgumentParser
import Foundation
import GleanerCore
import Logging

/// `gleaner-bench scale-probe --store DIR --stored N`: the measured side of the scale benchmark,
/// in its own process. Opens the store (the restart: the index comes from the index snapshot
/// when there is one, else it is rebuilt from the article files and the snapshot written),
/// then ingests `probe` new articles through the real `Ingestor` as inbox text files: half of
/// them new texts, half near copies (a few words changed, no URL) of stored articles. Prints the
/// times as one JSON line.
struct ScaleProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale-probe", abstract: "Open a generated store and ingest into it (scale benchmark's measured side).")

    @Option(help: "The store directory.")
    var store: String

    @Option(help: "How many articles the store holds (the generator's numbers 0..<N).")
    var stored: Int

    @Option(help: "How many articles to ingest.")
    var probe = 200

    @Option(help: "The generator number of the first new text (default: --stored, the first past the generated store); another value keeps a probe run on a store that earlier probes grew from repeating their texts.")
    var first: Int?

    @Option(help: "Accepted for SideProcess; nothing is written there but an empty line list.")
    var out: String?

    func run() async throws {
        var logger = Logger(label: "gleaner-bench")
        logger.logLevel = .warning
        let parser = DocumentParser()
        let clock = ContinuousClock()
        let opening = clock.now
        let articleStore = try ArticleStore(directory: URL(fileURLWithPath: store), logger: logger)
        let openSeconds = seconds(clock.now - opening)
        let openRSS = Self.residentKiB()
        let openFileRSS = Self.residentKiB("RssFile:")
        // Read before the store is handed to the actor that owns it from then on.
        let loadSeconds = articleStore.indexLoadSeconds
        let fromSnapshot = articleStore.indexOrigin.isSnapshot
        let snapshotSeconds = articleStore.lastSnapshot?.seconds ?? 0
        let ingestor = Ingestor(
            store: articleStore, settings: IngestSettings(), parse: { try parser.parse($0) }, clock: { Date() }, logger: logger)
        let snapshotBytes = (try? FileManager.default.attributesOfItem(atPath: store + "/index/snapshot")[.size] as? Int) ?? 0
        guard await ingestor.counts().articles == stored else {
            throw BenchError("the store holds \(await ingestor.counts().articles) articles, expected \(stored)")
        }

        var outcomes: [String: Int] = [:]
        var newTime = Duration.zero
        var nearTime = Duration.zero
        for index in 0..<probe {
            let near = index % 2 == 1
            // New texts use generator numbers past the store's; near copies edit a stored one.
            let number = near ? (index * 7_919) % max(1, stored) : (first ?? stored) + index
            var words = ScaleText.body(number).split(separator: " ", omittingEmptySubsequences: false)
            if near { for position in [words.count / 5, words.count / 2, words.count * 4 / 5] { words[position] = "rewritten" } }
            let text = ScaleText.headline(number) + "\n\n" + words.joined(separator: " ") + "\n"
            let name = "probe-\(index).txt"
            let document = Document(name: name, bytes: Array(text.utf8), source: SourceRef(kind: .inbox, name: name), receivedAt: Date())
            let start = clock.now
            let result = try await ingestor.ingest(document)
            if near { nearTime += clock.now - start } else { newTime += clock.now - start }
            for outcome in result { outcomes[outcome.kind, default: 0] += 1 }
        }
        if let out { try "".write(toFile: out, atomically: true, encoding: .utf8) }
        let half = Double(max(1, probe / 2))
        let summary = outcomes.keys.sorted().map { "\(outcomes[$0]!) \($0)" }.joined(separator: ", ")
        print(
            "{\"openSeconds\":\(openSeconds),\"loadSeconds\":\(loadSeconds),"
                + "\"fromSnapshot\":\(fromSnapshot),\"snapshotSeconds\":\(snapshotSeconds),"
                + "\"snapshotBytes\":\(snapshotBytes),\"openRSSKiB\":\(openRSS),\"openFileRSSKiB\":\(openFileRSS),\"newMilliseconds\":\(seconds(newTime) * 1000 / half),"
                + "\"nearMilliseconds\":\(seconds(nearTime) * 1000 / half),\"outcomes\":\"\(summary)\"}")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// VmRSS of this process (or another line of /proc/self/status in kB, e.g. RssFile, the
    /// part that is mapped files: the index snapshot's pages, which the kernel can drop and
    /// read again), in KiB.
    static func residentKiB(_ field: String = "VmRSS:") -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

extension IngestOutcome {
    /// The outcome's name, for counting.
    var kind: String {
        switch self {
        case .created: "created"
        case .versioned: "versioned"
        case .returned: "returned"
        case .sighted(_, let match, _): "sighted-\(match.rawValue)"
        case .unchanged: "unchanged"
        }
    }
}
