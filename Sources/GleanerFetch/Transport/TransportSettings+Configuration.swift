import GleanerCore

extension TransportSettings {
    /// The transport's settings from the `fetch` section of the configuration. The low-speed
    /// limit is not configurable (yet) and keeps its default: 100 bytes/s for 20 s.
    public init(_ fetch: GleanerConfiguration.Fetch) {
        self.init(
            userAgent: fetch.userAgent, timeout: fetch.timeout, connectTimeout: fetch.connectTimeout,
            maxBodySize: fetch.maxBodySize, concurrency: fetch.concurrency,
            perHostConcurrency: fetch.perHostConcurrency, maxRedirects: fetch.maxRedirects,
            allowPrivateNetworks: fetch.allowPrivateNetworks, caFile: fetch.caFile?.path)
    }
}
