import Foundation
import Logging

/// The per-source state files of a store: `<store>/sources/<name>.json`, one `SourceState`
/// each (docs/scheduling.md). Written atomically and durably with `DurableFile`, read once at
/// start. A file in a format this build does not know, or a damaged one, is logged and
/// skipped, never overwritten until the source is fetched again. Files of sources no longer in
/// the configuration are kept, so removing a source and adding it back keeps its validators.
/// Immutable and safe to share; writes of different sources go to different files.
public final class SourceStateStore: Sendable {
    static let directoryName = "sources"

    /// `<store>/sources`.
    public let directory: URL
    private let logger: Logger

    /// Creates `<store>/sources` when missing (durably) and removes temporary files a crash left
    /// in it.
    public init(storeDirectory: URL, logger: Logger) throws {
        directory = storeDirectory.appendingPathComponent(Self.directoryName, isDirectory: true)
        self.logger = logger
        let path = directory.path
        do throws(SystemError) {
            try DurableFile.makeDirectories(path)
            for name in try SystemCall.listDirectory(path) where DurableFile.isTemporaryName(name) {
                try? SystemCall.unlink(path + "/" + name)
            }
        } catch {
            throw StoreError(operation: "open source states", error)
        }
    }

    /// The statuses of every readable state file, by source name.
    public func load() -> [String: SourceStatus] {
        loadStates().mapValues(\.status)
    }

    /// Every readable state file, by source name. Unreadable, damaged and unknown-format files
    /// are logged and left out.
    public func loadStates() -> [String: SourceState] {
        let names: [String]
        do {
            names = try SystemCall.listDirectory(directory.path)
        } catch {
            logger.error(
                "cannot list source states", metadata: ["path": "\(directory.path)", "error": "\(error)"])
            return [:]
        }
        var states: [String: SourceState] = [:]
        for fileName in names.sorted() where fileName.hasSuffix(".json") && !fileName.hasPrefix(".") {
            let name = String(fileName.dropLast(5))
            if let state = read(name: name) { states[name] = state }
        }
        return states
    }

    /// The state of one source, or nil when it has no readable file.
    public func loadState(named name: String) -> SourceState? {
        guard SourceConfiguration.isValidName(name) else { return nil }
        let path = file(of: name)
        guard (try? SystemCall.status(path)) != nil else { return nil }
        return read(name: name)
    }

    /// Saves a status, keeping the handled item keys already in the source's file.
    public func save(_ status: SourceStatus) throws(StoreError) {
        let handled = loadState(named: status.name)?.handledItems ?? []
        try save(SourceState(status: status, handledItems: handled))
    }

    /// Replaces the source's file with `state`, atomically and durably.
    public func save(_ state: SourceState) throws(StoreError) {
        let name = state.status.name
        let path = file(of: name)
        guard SourceConfiguration.isValidName(name) else {
            throw StoreError(
                operation: "save source state", path: path,
                reason: "\"\(name)\" cannot name a file: use letters, digits, '.', '_' and '-'")
        }
        let data: Data
        do {
            data = try ArticleJSON.encoder(pretty: true).encode(SourceStateRecord(state))
        } catch {
            throw StoreError(operation: "save source state", path: path, reason: "cannot encode: \(error)")
        }
        do throws(SystemError) {
            try DurableFile.write(Array(data) + [0x0A], to: path)
        } catch {
            throw StoreError(operation: "save source state", error)
        }
    }

    private func file(of name: String) -> String {
        directory.path + "/" + name + ".json"
    }

    private func read(name: String) -> SourceState? {
        let path = file(of: name)
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            logger.error("cannot read source state", metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
        let decoder = ArticleJSON.decoder()
        do {
            let probe = try decoder.decode(SourceStateFormatProbe.self, from: Data(bytes))
            guard probe.format == SourceStateRecord.currentFormat else {
                logger.error(
                    "source state skipped: unknown format",
                    metadata: [
                        "path": "\(path)", "format": "\(probe.format)",
                        "known": "\(SourceStateRecord.currentFormat)",
                    ])
                return nil
            }
            let record = try decoder.decode(SourceStateRecord.self, from: Data(bytes))
            guard record.name == name else {
                logger.error(
                    "source state skipped: it names another source",
                    metadata: ["path": "\(path)", "name": "\(record.name)"])
                return nil
            }
            return record.state
        } catch {
            logger.error("source state skipped: damaged", metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
    }
}
