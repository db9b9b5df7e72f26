import Foundation
import GleanerControl
import GleanerCore
import GleanerFetch
import Glibc
import Logging

/// The running service: opens the store, serves the control socket, watches the inbox, fetches
/// the sources and answers signals. Runs every long-lived part as a child of one task group, so
/// SIGTERM cancels them all in one place and nothing outlives `run()`.
public final class Daemon: Sendable {
    public let configFile: URL
    let overrides: ConfigurationOverrides
    let logger: Logger
    let notifier: SystemdNotifier

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
        let services = try DaemonServices(
            configuration: initial, configFile: configFile, overrides: overrides, logger: logger)
        defer { services.transport.shutdown() }
        let control = try ControlServer(
            socketPath: try socketPath(initial), mode: initial.control.mode,
            handler: DaemonControlHandler(services: services), logger: logger)
        let ready = AsyncStream<Void>.makeStream()

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await control.run() }
            group.addTask {
                try await services.inbox.run(
                    scanned: { ready.continuation.yield(); ready.continuation.finish() },
                    ingest: { try await services.ingestInboxDocument($0) })
            }
            group.addTask { await services.scheduler.run() }
            group.addTask {
                for await _ in ready.stream {}
                self.notify("READY=1") { try $0.ready() }
                self.logger.info("ready", metadata: [
                    "inbox": "\(initial.inbox.path.path)", "store": "\(initial.store.path.path)",
                    "sources": "\(initial.sources.count)",
                ])
                await self.reportStatus(services)
            }
            for await signal in signals.stream {
                switch signal {
                case SIGHUP:
                    notify("RELOADING=1") { try $0.reloading() }
                    do {
                        _ = try await services.reload()
                    } catch {
                        logger.error("configuration refused, keeping the old one", metadata: [
                            "config": "\(configFile.path)", "error": "\(error)",
                        ])
                    }
                    notify("READY=1") { try $0.ready() }
                default:
                    logger.info("stopping", metadata: ["signal": "\(SignalEvents.name(of: signal))"])
                    notify("STOPPING=1") { try $0.stopping() }
                    group.cancelAll()
                    return
                }
            }
        }
        // Saved while the store lock is still held; a failure only means the next start
        // reads the files changed since the last snapshot.
        do {
            try await services.ingestor.saveIndexSnapshot()
        } catch {
            logger.error("cannot save the index snapshot at shutdown", metadata: ["error": "\(error)"])
        }
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }

    /// The control socket's path, its directory made when missing (as systemd's
    /// RuntimeDirectory= would).
    private func socketPath(_ configuration: GleanerConfiguration) throws -> String {
        let directory = configuration.control.socket.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DaemonError("cannot create the control socket's directory \(directory.path): \(error.localizedDescription)")
        }
        return configuration.control.socket.path
    }

    /// Keeps systemd's STATUS= line current and pets the watchdog at half its interval.
    private func reportStatus(_ services: DaemonServices) async {
        let interval = notifier.watchdogInterval ?? .seconds(5)
        var lastStatus = ""
        while !Task.isCancelled {
            let counts = await services.ingestor.counts()
            let queue = services.inbox.counts()
            let sources = await services.scheduler.counts()
            let status = "\(counts.articles) articles, \(counts.versions) versions; inbox: \(queue.pending) pending, \(queue.failed) failed; sources: \(sources.total - sources.failing) ok, \(sources.failing) failing"
            if status != lastStatus {
                notify("STATUS=") { try $0.status(status) }
                lastStatus = status
            }
            if notifier.watchdogInterval != nil { notify("WATCHDOG=1") { try $0.watchdog() } }
            // Cancellation (SIGTERM) ends the loop; it is not an error.
            do { try await Task.sleep(for: interval) } catch { return }
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
