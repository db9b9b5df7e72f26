import ArgumentParser
import Foundation
import GleanerCore
import Logging

/// `gleaner-bench dedup-run --list FILE --out FILE`: the Gleaner side of the dedup benchmark, as
/// its own process. Opens a fresh store in a temporary directory and ingests every listed text
/// file through the real `Ingestor` (parse, identity and dedup, durable commit), in the list's
/// order, as inbox files; writes `name TAB article-id` per file. Prints the loop's wall seconds.
struct DedupRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-run", abstract: "Ingest a list of text files into a fresh store (dedup benchmark's Gleaner side).")

    @Option(help: "name TAB path, one file a line, in ingest order.")
    var list: String

    @Option(help: "Where name TAB article-id lines go.")
    var out: String

    @Option(help: "dedup.nearDuplicate for the run.")
    var threshold = 0.8

    @Option(help: "Also write each file's normalized article words (what dedup compares) to DIR/name.txt, before the timed run.")
    var dump: String?

    func run() async throws {
        let entries = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2 else { throw BenchError("\(list): expected name TAB path, found \(line)") }
            return (name: fields[0], path: fields[1])
        }
        let store = try TemporaryDirectory(prefix: "gleaner-bench-dedup-store")
        var logger = Logger(label: "gleaner-bench")
        logger.logLevel = .warning
        let parser = DocumentParser()
        let ingestor = try Ingestor.open(
            storeDirectory: URL(fileURLWithPath: store.path("store")), settings: IngestSettings(nearDuplicate: threshold),
            parse: { try parser.parse($0) }, clock: { Date() }, logger: logger)
        if let dump { try Self.dumpWords(entries, parser: parser, into: dump) }
        var lines: [String] = []
        let clock = CycleClock.now()
        for entry in entries {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: entry.path)))
            let document = Document(
                name: entry.name + ".txt", bytes: bytes, source: SourceRef(kind: .inbox, name: entry.name + ".txt"),
                receivedAt: Date())
            let id: String
            do {
                id = try await ingestor.ingest(document).first?.articleID ?? "none:\(entry.name)"
            } catch {
                id = "error:\(entry.name)"
            }
            lines.append("\(entry.name)\t\(id)")
        }
        let cost = CycleClock.now().since(clock)
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        print("{\"documents\":\(entries.count),\"seconds\":\(cost.wall)}")
    }

    /// The normalized words identity works on, one file per entry, to study misses offline.
    private static func dumpWords(_ entries: [(name: String, path: String)], parser: DocumentParser, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for entry in entries {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: entry.path)))
            let document = Document(
                name: entry.name + ".txt", bytes: bytes, source: SourceRef(kind: .inbox, name: entry.name + ".txt"), receivedAt: Date())
            let words = (try? parser.parse(document).first).map { PreparedDraft($0).words.joined(separator: " ") } ?? ""
            try words.write(toFile: directory + "/" + entry.name + ".txt", atomically: true, encoding: .utf8)
        }
    }
}

extension IngestOutcome {
    /// The article the outcome concerns.
    var articleID: String {
        switch self {
        case .created(let id), .versioned(let id, _), .returned(let id, _), .sighted(let id, _, _), .unchanged(let id): id
        }
    }
}
