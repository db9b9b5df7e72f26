import Foundation

/// Everything the fetcher keeps about one source between runs: its health and validators
/// (`SourceStatus`) and the keys (guid or link) of the feed items whose pages it already
/// fetched, so that a feed listing the same items again does not fetch their pages again.
/// A value; the scheduler owns the live copy, `SourceStateStore` the file.
public struct SourceState: Sendable, Hashable {
    /// How many item keys are kept per source, the most recent last. A feed shows far fewer
    /// items than this at once, so an item dropped from here has left the feed long ago.
    public static let handledItemLimit = 1_000

    public var status: SourceStatus
    /// Keys of feed items already handled, oldest first, at most `handledItemLimit`.
    public private(set) var handledItems: [String]

    public init(status: SourceStatus, handledItems: [String] = []) {
        self.status = status
        self.handledItems = Array(handledItems.suffix(Self.handledItemLimit))
    }

    public func hasHandled(_ key: String) -> Bool {
        handledItems.contains(key)
    }

    /// Adds keys not yet known, dropping the oldest beyond the limit.
    public mutating func remember(_ keys: [String]) {
        var known = Set(handledItems)
        for key in keys where known.insert(key).inserted {
            handledItems.append(key)
        }
        if handledItems.count > Self.handledItemLimit {
            handledItems.removeFirst(handledItems.count - Self.handledItemLimit)
        }
    }
}

/// The JSON document of one source's state file: `{"format": 1, …SourceStatus fields…,
/// "handledItems": […]}`, flat so that `jq .etag sources/NAME.json` reads naturally.
struct SourceStateRecord: Codable {
    static let currentFormat = 1

    var format: Int
    var name: String
    var url: String
    var kind: SourceRef.Kind
    var lastFetch: Date?
    var httpStatus: Int?
    var lastError: String?
    var consecutiveFailures: Int
    var nextDue: Date?
    var etag: String?
    var lastModified: String?
    var articlesFound: Int
    var handledItems: [String]

    init(_ state: SourceState) {
        let status = state.status
        format = Self.currentFormat
        name = status.name
        url = status.url
        kind = status.kind
        lastFetch = status.lastFetch
        httpStatus = status.httpStatus
        lastError = status.lastError
        consecutiveFailures = status.consecutiveFailures
        nextDue = status.nextDue
        etag = status.etag
        lastModified = status.lastModified
        articlesFound = status.articlesFound
        handledItems = state.handledItems
    }

    var state: SourceState {
        SourceState(
            status: SourceStatus(
                name: name, url: url, kind: kind, lastFetch: lastFetch, httpStatus: httpStatus,
                lastError: lastError, consecutiveFailures: consecutiveFailures, nextDue: nextDue, etag: etag,
                lastModified: lastModified, articlesFound: articlesFound),
            handledItems: handledItems)
    }
}

/// Only the format number, read first so that a file of another format is refused before its
/// fields are trusted (a future format may give them other meanings).
struct SourceStateFormatProbe: Decodable {
    var format: Int
}
