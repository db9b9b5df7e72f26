import Foundation
import Logging

/// gleanerd's swift-log handler: one line per event on stderr, in logfmt or JSON, journald-aware.
///
/// A value, as swift-log requires: each `Logger` copy has its own level and metadata. The clock
/// is passed in so tests get fixed timestamps.
public struct GleanerLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    public let label: String
    public let formatter: LogLineFormatter
    public let writer: LogLineWriter
    private let now: @Sendable () -> Date

    public init(
        label: String, formatter: LogLineFormatter, level: Logger.Level = .info,
        writer: LogLineWriter = LogLineWriter(), metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.formatter = formatter
        self.logLevel = level
        self.writer = writer
        self.metadataProvider = metadataProvider
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let eventMetadata = event.metadata {
            merged.merge(eventMetadata) { _, new in new }
        }
        writer.write(
            formatter.line(
                time: now(), level: event.level, message: event.message.description, metadata: merged,
                error: event.error))
    }
}
