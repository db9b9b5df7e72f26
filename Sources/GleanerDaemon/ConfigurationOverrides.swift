import Foundation
import GleanerCore
import GleanerFetch

/// The paths given on gleanerd's command line, which win over the configuration file's, also
/// on every reload.
public struct ConfigurationOverrides: Sendable {
    public var inbox: URL?
    public var stateDir: URL?
    public var socket: URL?

    public init(inbox: URL?, stateDir: URL?, socket: URL?) {
        self.inbox = inbox
        self.stateDir = stateDir
        self.socket = socket
    }
}

extension GleanerConfiguration {
    public func applying(_ overrides: ConfigurationOverrides) -> GleanerConfiguration {
        applying(inbox: overrides.inbox, stateDir: overrides.stateDir, socket: overrides.socket)
    }

    /// The pipeline's share of the configuration.
    var ingestSettings: IngestSettings {
        IngestSettings(nearDuplicate: dedup.nearDuplicate, minChangedWords: versions.minChangedWords)
    }

    /// The inbox's share of the configuration.
    var inboxSettings: InboxSettings {
        InboxSettings(
            directory: inbox.path, settle: inbox.settle, maxFileSize: inbox.maxFileSize,
            afterIngest: inbox.afterIngest == .delete ? .delete : .move)
    }

    /// The transport's share of the configuration.
    var transportSettings: TransportSettings { TransportSettings(fetch) }
}
