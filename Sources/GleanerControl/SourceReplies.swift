/// The answer to `fetch`: the sources now due, in configuration order. The fetches run in the
/// background; `gleanerctl sources` shows how they went.
public struct FetchReply: Codable, Sendable, Hashable {
    public var scheduled: [String]

    public init(scheduled: [String]) { self.scheduled = scheduled }
}

/// The answer to `reload`: the configuration file that was read again, and how many sources it
/// has now.
public struct ReloadReply: Codable, Sendable, Hashable {
    public var config: String
    public var sources: Int

    public init(config: String, sources: Int) {
        self.config = config
        self.sources = sources
    }
}
