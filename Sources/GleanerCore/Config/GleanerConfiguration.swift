import Foundation
import Logging

/// The whole of gleanerd's configuration (SPEC section 3), as one immutable value.
///
/// Every key has a default (documented in docs/configuration.md), so an empty file is a valid
/// configuration for a system install. A reload builds a new value and compares it with the one in
/// use; nothing here holds a resource or a reference, so the value crosses tasks freely.
public struct GleanerConfiguration: Sendable, Equatable {
    /// The inbox directory watched for dropped files.
    public struct Inbox: Sendable, Equatable {
        /// What happens to an inbox file once its articles are durable in the store.
        public enum AfterIngest: String, Sendable, Equatable, CaseIterable {
            /// Moved to `<inbox>/.done/`.
            case move
            /// Unlinked.
            case delete
        }

        public var path: URL
        /// How long a file must stay unchanged before it is read.
        public var settle: Duration
        /// Files larger than this (in bytes) fail unread.
        public var maxFileSize: Int
        public var afterIngest: AfterIngest

        public init(
            path: URL = URL(fileURLWithPath: "/var/lib/gleaner/inbox"),
            settle: Duration = .milliseconds(250),
            maxFileSize: Int = 64 << 20,
            afterIngest: AfterIngest = .move
        ) {
            self.path = path
            self.settle = settle
            self.maxFileSize = maxFileSize
            self.afterIngest = afterIngest
        }
    }

    /// The versioned JSON store. `gleanerd --state-dir DIR` sets `path` to DIR.
    public struct Store: Sendable, Equatable {
        public var path: URL

        public init(path: URL = URL(fileURLWithPath: "/var/lib/gleaner/store")) {
            self.path = path
        }
    }

    /// The control socket gleanerctl talks to.
    public struct Control: Sendable, Equatable {
        public var socket: URL
        /// Permission bits the socket is created with (octal in the file, e.g. "0660").
        public var mode: mode_t

        public init(socket: URL = URL(fileURLWithPath: "/run/gleaner/gleanerd.sock"), mode: mode_t = 0o660) {
            self.socket = socket
            self.mode = mode
        }
    }

    /// Limits and manners of the HTTP fetcher.
    public struct Fetch: Sendable, Equatable {
        public var userAgent: String
        /// Total time allowed for one transfer.
        public var timeout: Duration
        public var connectTimeout: Duration
        /// Largest body accepted, counted in decoded bytes.
        public var maxBodySize: Int
        /// Transfers in flight at once, over all hosts.
        public var concurrency: Int
        public var perHostConcurrency: Int
        public var maxRedirects: Int
        /// Whether loopback, private, link-local and unique-local addresses may be fetched.
        public var allowPrivateNetworks: Bool
        /// Whether a feed item carrying only a summary gets its page fetched.
        public var followArticleLinks: Bool
        /// A PEM file of certificate authorities trusted for https in place of the system's
        /// bundle (sources behind a private CA); nil means the system's.
        public var caFile: URL?

        public init(
            userAgent: String = GleanerConfiguration.Fetch.defaultUserAgent,
            timeout: Duration = .seconds(30),
            connectTimeout: Duration = .seconds(10),
            maxBodySize: Int = 15 << 20,
            concurrency: Int = 32,
            perHostConcurrency: Int = 2,
            maxRedirects: Int = 5,
            allowPrivateNetworks: Bool = false,
            followArticleLinks: Bool = true,
            caFile: URL? = nil
        ) {
            self.userAgent = userAgent
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maxBodySize = maxBodySize
            self.concurrency = concurrency
            self.perHostConcurrency = perHostConcurrency
            self.maxRedirects = maxRedirects
            self.allowPrivateNetworks = allowPrivateNetworks
            self.followArticleLinks = followArticleLinks
            self.caFile = caFile
        }

        public static let defaultUserAgent = "Gleaner/0.1 (news ingestion; +https://example.invalid/gleaner)"
    }

    /// Approximate duplicate detection.
    public struct Dedup: Sendable, Equatable {
        /// Similarity in (0, 1] at or above which two texts are the same article.
        public var nearDuplicate: Double

        public init(nearDuplicate: Double = 0.8) {
            self.nearDuplicate = nearDuplicate
        }
    }

    /// When a changed article becomes a new version.
    public struct Versions: Sendable, Equatable {
        /// Edits touching fewer words than this are not a new version.
        public var minChangedWords: Int

        public init(minChangedWords: Int = 1) {
            self.minChangedWords = minChangedWords
        }
    }

    /// How gleanerd writes its log lines. The command line (`--log-format`) wins over the file.
    public struct Log: Sendable, Equatable {
        /// One line per event: `key=value` pairs, or one JSON object.
        public enum Format: String, Sendable, Equatable, CaseIterable {
            case logfmt, json
        }

        public var format: Format
        public var level: Logger.Level

        public init(format: Format = .logfmt, level: Logger.Level = .info) {
            self.format = format
            self.level = level
        }
    }

    public var inbox: Inbox
    public var store: Store
    public var control: Control
    public var fetch: Fetch
    public var dedup: Dedup
    public var versions: Versions
    public var log: Log
    public var sources: [SourceConfiguration]

    public init(
        inbox: Inbox = Inbox(),
        store: Store = Store(),
        control: Control = Control(),
        fetch: Fetch = Fetch(),
        dedup: Dedup = Dedup(),
        versions: Versions = Versions(),
        log: Log = Log(),
        sources: [SourceConfiguration] = []
    ) {
        self.inbox = inbox
        self.store = store
        self.control = control
        self.fetch = fetch
        self.dedup = dedup
        self.versions = versions
        self.log = log
        self.sources = sources
    }

    /// The configuration with gleanerd's command-line path overrides applied; `nil` keeps the
    /// file's value. `stateDir` is the store directory itself (the same directory
    /// `gleanerctl fsck --state-dir` checks), not a parent of it.
    public func applying(inbox: URL?, stateDir: URL?, socket: URL?) -> GleanerConfiguration {
        var result = self
        if let inbox { result.inbox.path = inbox.absoluteURL.standardizedFileURL }
        if let stateDir { result.store.path = stateDir.absoluteURL.standardizedFileURL }
        if let socket { result.control.socket = socket.absoluteURL.standardizedFileURL }
        return result
    }
}

/// One source to fetch on a schedule: a feed (each item an article) or a page (each change a
/// version).
public struct SourceConfiguration: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case feed, page
    }

    /// Unique among the sources; names the source in the store, in logs and in gleanerctl.
    public var name: String
    /// An http or https URL.
    public var url: URL
    public var kind: Kind
    /// Time between two fetches when nothing (Cache-Control, Retry-After, `<ttl>`) asks for longer.
    public var every: Duration

    public init(name: String, url: URL, kind: Kind = .feed, every: Duration = SourceConfiguration.defaultEvery) {
        self.name = name
        self.url = url
        self.kind = kind
        self.every = every
    }

    public static let defaultEvery: Duration = .seconds(30 * 60)
}
