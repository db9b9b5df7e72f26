import Foundation
import Logging
@testable import GleanerCore

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct StoreTestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gleaner-store-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// What a test input holds: the fields of one draft. Inputs are JSON arrays of these, so tests
/// drive the real `Ingestor` without depending on the parsers.
struct StoreTestDraft: Codable {
    var url: String?
    var headline: String?
    var body: String

    init(url: String? = nil, headline: String? = nil, body: String) {
        self.url = url
        self.headline = headline
        self.body = body
    }

    static func parse(_ document: Document) throws -> [ArticleDraft] {
        try JSONDecoder().decode([StoreTestDraft].self, from: Data(document.bytes)).map { spec in
            var draft = ArticleDraft(articleBody: spec.body)
            draft.url = spec.url
            draft.headline = spec.headline
            return draft
        }
    }
}

/// A clock the test moves forward by hand.
final class StoreTestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_750_000_000)

    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

enum StoreTestFixture {
    static let logger = Logger(label: "gleaner.store.test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func open(
        _ directory: StoreTestDirectory, clock: StoreTestClock = StoreTestClock(),
        settings: IngestSettings = IngestSettings()
    ) throws -> Ingestor {
        try Ingestor.open(
            storeDirectory: directory.url, settings: settings, parse: StoreTestDraft.parse,
            clock: { clock.now() }, logger: logger)
    }

    static func document(
        _ drafts: [StoreTestDraft], name: String, source: SourceRef? = nil
    ) throws -> Document {
        Document(
            name: name, bytes: Array(try JSONEncoder().encode(drafts)),
            source: source ?? SourceRef(kind: .inbox, name: name), receivedAt: Date())
    }

    /// Every file under `directory`, relative to it.
    static func files(under directory: StoreTestDirectory) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var result: [String] = []
        while let next = enumerator?.nextObject() as? String { result.append(next) }
        return result.sorted()
    }

    /// The shared corpus beside the project, when it is there.
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    static var hasCorpus: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("seeds").path)
    }
}

/// Texts for the dedup tests: about 200 words of ordinary news prose, and other short items.
enum StoreTestTexts {
    static let longStory = """
        The city council voted on Tuesday evening to approve a new plan for the harbour district, \
        ending a debate that had divided residents for almost three years. The plan allows the \
        construction of four residential towers along the old docks, a public park on the site of \
        the former grain warehouse, and a cycle path that will link the district to the railway \
        station.

        Supporters said the project would bring badly needed housing to a city where rents have \
        risen faster than wages for a decade. Opponents warned that the towers would block the view \
        of the water from the historic centre and that the promised affordable flats were too few \
        to make a difference for families on modest incomes.

        The mayor told reporters after the vote that the council had listened to both sides and \
        changed the plan several times. The height of the tallest tower was reduced by six floors, \
        and the developer agreed to pay for a new primary school. Construction is expected to begin \
        next spring and to last about five years, with the park opening first.

        A group of residents said they would ask the regional court to review the decision, \
        arguing that the environmental study had ignored the risk of flooding on the lower streets.
        """

    /// `longStory` with a handful of words changed, as another outlet might run it.
    static let longStoryEdited = longStory
        .replacingOccurrences(of: "Tuesday evening", with: "Tuesday night")
        .replacingOccurrences(of: "badly needed", with: "much needed")
        .replacingOccurrences(of: "told reporters", with: "told journalists")
}
