import GleanerCore

/// The limits one `CurlTransport` applies to every transfer: timeouts, sizes, concurrency,
/// redirects and the private-network rule. A plain value, so `update(settings:)` can swap it
/// whole on reload; transfers already running keep the settings they started with.
public struct TransportSettings: Sendable, Hashable {
    /// Sent as `User-Agent` with every request.
    public var userAgent: String
    /// The whole transfer, redirects included (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration
    /// Connection set-up, per connection (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration
    /// Below this many bytes per second for `lowSpeedTime`, the transfer is cut off
    /// (`CURLOPT_LOW_SPEED_LIMIT`); a server that drips one byte a second cannot hold a slot.
    public var lowSpeedLimit: Int
    /// How long the speed may stay below `lowSpeedLimit` (`CURLOPT_LOW_SPEED_TIME`, whole seconds,
    /// at least one).
    public var lowSpeedTime: Duration
    /// The largest body, counted in decoded bytes as they reach the write callback.
    public var maxBodySize: Int
    /// Transfers running at once, all hosts together.
    public var concurrency: Int
    /// Transfers running at once to one host name.
    public var perHostConcurrency: Int
    /// Redirects followed before the fetch fails with `tooManyRedirects`.
    public var maxRedirects: Int
    /// When false, loopback, private, link-local, unique-local and similar addresses are refused
    /// on every connection, checked on the resolved address.
    public var allowPrivateNetworks: Bool
    /// A PEM bundle of certificate authorities trusted in place of the system's
    /// (`CURLOPT_CAINFO`); nil keeps libcurl's default bundle. Verification is never turned off.
    public var caFile: String?

    public static let defaultUserAgent = GleanerConfiguration.Fetch.defaultUserAgent

    /// The configuration's defaults (docs/configuration.md), so the two can never disagree.
    public static let configured = GleanerConfiguration.Fetch()

    public init(
        userAgent: String = TransportSettings.defaultUserAgent,
        timeout: Duration = TransportSettings.configured.timeout,
        connectTimeout: Duration = TransportSettings.configured.connectTimeout,
        lowSpeedLimit: Int = 100,
        lowSpeedTime: Duration = .seconds(20),
        maxBodySize: Int = TransportSettings.configured.maxBodySize,
        concurrency: Int = TransportSettings.configured.concurrency,
        perHostConcurrency: Int = TransportSettings.configured.perHostConcurrency,
        maxRedirects: Int = TransportSettings.configured.maxRedirects,
        allowPrivateNetworks: Bool = TransportSettings.configured.allowPrivateNetworks,
        caFile: String? = nil
    ) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodySize = maxBodySize
        self.concurrency = concurrency
        self.perHostConcurrency = perHostConcurrency
        self.maxRedirects = maxRedirects
        self.allowPrivateNetworks = allowPrivateNetworks
        self.caFile = caFile
    }

    /// The concurrency limits as the admission queue uses them: never below one, so a zero in a
    /// hand-built value cannot stall every fetch.
    var effectiveConcurrency: Int { max(1, concurrency) }
    var effectivePerHostConcurrency: Int { max(1, min(perHostConcurrency, effectiveConcurrency)) }
}

extension Duration {
    /// Whole milliseconds, rounded up so a positive duration never becomes libcurl's "no limit" 0;
    /// clamped to what a C `long` holds.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int.max }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(millis.partialValue + fraction)
    }

    /// Whole seconds, rounded up, at least one (for libcurl options counted in seconds).
    var curlSeconds: Int { max(1, (curlMilliseconds + 999) / 1000) }
}
