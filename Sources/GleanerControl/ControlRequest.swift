import Foundation
import GleanerCore

/// One request from `gleanerctl` to `gleanerd`. Immutable; built by the client, decoded by the
/// server from its wire form (`ControlRequest+Codable.swift`).
public enum ControlRequest: Sendable, Hashable {
    /// Counts, sources and recent errors: answered with one `StatusReport`.
    case status
    /// Article summaries, newest first: answered with one JSON array of `ArticleSummary`.
    case list(ListQuery)
    /// One article document (`Article`); `version`, when given, must exist in it.
    case show(id: String, version: Int?)
    /// Every article seen since `since` (all when nil), one `Article` per payload line.
    case export(since: Date?)

    // Reserved in protocol 1: names and arguments fixed now so that adding them later does not
    // change the version. A daemon that does not serve one yet answers `unsupported`.

    /// Per-source state (url, kind, last fetch, validators, failures, next due).
    case sources
    /// Fetch the named sources now (every source when empty).
    case fetch(sources: [String])
    /// Re-read the configuration, as SIGHUP does.
    case reload
    /// Every version of one article.
    case history(id: String)
    /// A word-level difference between two versions of one article (latest two when nil).
    case diff(id: String, from: Int?, to: Int?)

    public var command: ControlCommand {
        switch self {
        case .status: .status
        case .list: .list
        case .show: .show
        case .export: .export
        case .sources: .sources
        case .fetch: .fetch
        case .reload: .reload
        case .history: .history
        case .diff: .diff
        }
    }
}
