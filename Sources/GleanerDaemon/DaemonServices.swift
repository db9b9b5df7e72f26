import Foundation
import GleanerControl
import GleanerCore
import GleanerFetch
import Logging
import Synchronization

/// The daemon's long-lived parts, built once at start from the configuration: the pipeline,
/// the inbox, the libcurl transport and the source scheduler, with what `gleanerctl status`
/// reports about them. Immutable references; each part guards its own state. `reload()` is
/// the one place a new configuration is applied, for SIGHUP and `gleanerctl reload` alike.
final class DaemonServices: Sendable {
    let ingestor: Ingestor
    let inbox: Inbox
    let transport: CurlTransport
    let scheduler: SourceScheduler
    let errors = RecentErrors()
    private let decodedLimit: DecodedSizeLimit
    let startedAt = Date()
    let storePath: String
    let configFile: URL
    let overrides: ConfigurationOverrides
    let logger: Logger

    init(configuration: GleanerConfiguration, configFile: URL, overrides: ConfigurationOverrides, logger: Logger) throws {
        self.configFile = configFile
        self.overrides = overrides
        self.logger = logger
        storePath = configuration.store.path.path
        // A `.gz` input inflates within the inbox's size limit, as it is now (reload changes it).
        let decodedLimit = DecodedSizeLimit(configuration.inbox.maxFileSize)
        self.decodedLimit = decodedLimit
        let ingestor = try Ingestor.open(
            storeDirectory: configuration.store.path, settings: configuration.ingestSettings,
            parse: { try DocumentParser(maxDecodedSize: decodedLimit.bytes).parse($0) },
            clock: { Date() }, logger: logger)
        self.ingestor = ingestor
        inbox = try Inbox(settings: configuration.inboxSettings, logger: logger)
        transport = try CurlTransport(settings: configuration.transportSettings, logger: logger)
        scheduler = SourceScheduler(
            sources: configuration.sources, followArticleLinks: configuration.fetch.followArticleLinks,
            transport: transport, states: try SourceStateStore(storeDirectory: configuration.store.path, logger: logger),
            readFeed: { try FeedReader.read($0) },
            ingestDocument: { try await ingestor.ingest($0) },
            ingestDrafts: { try await ingestor.ingest($0, from: $1) },
            clock: { Date() }, logger: logger)
    }

    /// One inbox document through the pipeline (which logs each outcome); failures are
    /// remembered for `gleanerctl status` and passed back to the inbox, which files them.
    func ingestInboxDocument(_ document: Document) async throws {
        do {
            _ = try await ingestor.ingest(document)
        } catch {
            errors.record(error, input: document.name, at: Date())
            throw error
        }
    }

    /// Reads the configuration file again and applies what can change while running: limits,
    /// dedup and version settings, sources and fetch settings. Paths (inbox, store, socket)
    /// need a restart; a change to them is logged and ignored. A bad file throws its errors
    /// and changes nothing.
    func reload() async throws -> ReloadReply {
        let configuration = try GleanerConfiguration.load(file: configFile).applying(overrides)
        await ingestor.updateSettings(configuration.ingestSettings)
        inbox.updateSettings(configuration.inboxSettings)
        decodedLimit.bytes = configuration.inbox.maxFileSize
        transport.update(settings: configuration.transportSettings)
        await scheduler.reconfigure(
            sources: configuration.sources, followArticleLinks: configuration.fetch.followArticleLinks)
        logger.info("configuration reloaded", metadata: [
            "config": "\(configFile.path)", "sources": "\(configuration.sources.count)",
        ])
        return ReloadReply(config: configFile.path, sources: configuration.sources.count)
    }
}

/// How far a `.gz` input may inflate: the inbox's `maxFileSize`, which a reload may change
/// while the pipeline parses on another task.
private final class DecodedSizeLimit: Sendable {
    private let value: Mutex<Int>

    init(_ bytes: Int) { value = Mutex(bytes) }

    var bytes: Int {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
