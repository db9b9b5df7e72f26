import Foundation
import GleanerControl
import GleanerCore
import GleanerFetch
import Glibc
import Logging

/// The running service: opens the store, serves the control socket, watches the inbox, and
/// answers signals. Owns every long-lived part and runs them as children of one task group, so
/// SIGTERM cancels them all in one place and nothing outlives `run()`.
public final class Daemon: Sendable {
    public let configFile: URL
    let overrides: ConfigurationOverrides
    let logger: Logger
    let notifier: SystemdNotifier
    let startedAt = Date()
    let errors = RecentErrors()

    public init(configFile: URL, overrides: ConfigurationOverrides, logger: Logger, notifier: SystemdNotifier) {
        self.configFile = configFile
        self.overrides = overrides
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs until SIGTERM or SIGINT; returns normally then (exit 0). Throws when the daemon
    /// cannot start: the store is locked or unreadable, the socket is taken.
    public func run(configuration initial: GleanerConfiguration) async throws {
        let signals = SignalEvents()
        try CurlRuntime.initialize()
        logger.info("starting", metadata: [
            "version": "\(GleanerVersion.current)", "config": "\(configFile.path)",
            "curl": "\(CurlRuntime.version)",
        ])
        let lock = try StoreLock(storeDirectory: initial.store.path)
        let parser = DocumentParser(maxDecodedSize: initial.inbox.maxFileSize)
        let ingestor = try Ingestor.open(
            storeDirectory: initial.store.path, settings: initial.ingestSettings,
            parse: { try parser.parse($0) }, clock: { Date() }, logger: logger)
        let inbox = try Inbox(settings: initial.inboxSettings, logger: logger)
        let handler = DaemonControlHandler(
            ingestor: ingestor, inbox: inbox, errors: errors, startedAt: startedAt,
            storePath: initial.store.path.path)
        // Like systemd's RuntimeDirectory=: the socket's directory is made when missing.
        let socketDirectory = initial.control.socket.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        } catch {
            throw DaemonError("cannot create the control socket's directory \(socketDirectory.path): \(error.localizedDescription)")
        }
        let control = try ControlServer(
            socketPath: initial.control.socket.path, mode: initial.control.mode, handler: handler, logger: logger)
        let ready = AsyncStream<Void>.makeStream()

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await control.run() }
            group.addTask {
                try await inbox.run(
                    scanned: { ready.continuation.yield(); ready.continuation.finish() },
                    ingest: { document in try await self.ingest(document, into: ingestor) })
            }
            group.addTask {
                for await _ in ready.stream {}
                self.notify("READY=1") { try $0.ready() }
                self.logger.info("ready", metadata: ["inbox": "\(initial.inbox.path.path)", "store": "\(initial.store.path.path)"])
                await self.reportStatus(ingestor: ingestor, inbox: inbox)
            }
            for await signal in signals.stream {
                switch signal {
                case SIGHUP:
                    await self.reload(ingestor: ingestor, inbox: inbox)
                default:
                    logger.info("stopping", metadata: ["signal": "\(SignalEvents.name(of: signal))"])
                    self.notify("STOPPING=1") { try $0.stopping() }
                    group.cancelAll()
                    return
                }
            }
        }
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }

    /// One inbox document through the pipeline (which logs each outcome); failures are
    /// remembered for `gleanerctl status` and passed back to the inbox, which files them.
    private func ingest(_ document: Document, into ingestor: Ingestor) async throws {
        do {
            _ = try await ingestor.ingest(document)
        } catch {
            errors.record(error, input: document.name, at: Date())
            throw error
        }
    }

    /// Keeps systemd's STATUS= line current and pets the watchdog at half its interval.
    private func reportStatus(ingestor: Ingestor, inbox: Inbox) async {
        let interval = notifier.watchdogInterval ?? .seconds(5)
        var lastStatus = ""
        while !Task.isCancelled {
            let counts = await ingestor.counts()
            let queue = inbox.counts()
            let status = "\(counts.articles) articles, \(counts.versions) versions; inbox: \(queue.pending) pending, \(queue.failed) failed"
            if status != lastStatus {
                notify("STATUS=") { try $0.status(status) }
                lastStatus = status
            }
            if notifier.watchdogInterval != nil { notify("WATCHDOG=1") { try $0.watchdog() } }
            // Cancellation (SIGTERM) ends the loop; it is not an error.
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// SIGHUP: re-reads the configuration; a bad one is refused and the old one kept.
    private func reload(ingestor: Ingestor, inbox: Inbox) async {
        notify("RELOADING=1") { try $0.reloading() }
        defer { notify("READY=1") { try $0.ready() } }
        do {
            let configuration = try GleanerConfiguration.load(file: configFile).applying(overrides)
            await ingestor.updateSettings(configuration.ingestSettings)
            inbox.updateSettings(configuration.inboxSettings)
            logger.info("configuration reloaded", metadata: ["config": "\(configFile.path)"])
        } catch {
            logger.error("configuration refused, keeping the old one", metadata: ["config": "\(configFile.path)", "error": "\(error)"])
        }
    }

    /// Sends one notification to systemd; a failure is logged, never fatal (systemd restarts
    /// a daemon whose watchdog goes quiet, which is the right outcome if the socket is gone).
    private func notify(_ what: String, _ send: (SystemdNotifier) throws -> Void) {
        do {
            try send(notifier)
        } catch {
            logger.warning("cannot notify systemd", metadata: ["message": "\(what)", "error": "\(error)"])
        }
    }
}
