import GleanerCore

/// What one fetch of one source came to, handed from the fetch task back to the scheduler,
/// which turns it into the source's new state. Carries no state of its own beyond this fetch.
struct FetchReport: Sendable {
    /// The validators to keep after this fetch.
    struct Validators: Sendable, Hashable {
        var etag: String?
        var lastModified: String?
    }

    var name: String
    /// The source's generation when the fetch started; a fetch of an address since changed by
    /// `reconfigure` must not store its validators.
    var generation: Int
    var httpStatus: Int?
    /// Set when the fetch succeeded; nil keeps the stored validators.
    var validators: Validators?
    /// The longest of max-age and `<ttl>`, when the server gave one.
    var cacheHint: Duration?
    var retryAfter: Duration?
    /// Outcomes that count as articles found (not replays).
    var found = 0
    /// Feed items whose pages were fetched and ingested (or given up on) in this fetch.
    var handledKeys: [String] = []
    /// Why the source failed; set means back off.
    var failure: String?
    /// Item pages that could not be fetched this time; the source itself did not fail.
    var itemFailures: [String] = []
    /// The fetch was cut short by cancellation (shutdown): not the source's fault.
    var cancelled = false

    init(name: String, generation: Int) {
        self.name = name
        self.generation = generation
    }

    mutating func count(_ outcomes: [IngestOutcome]) {
        found += outcomes.filter(\.countsAsFound).count
    }
}

extension IngestOutcome {
    /// New articles, versions and sightings are articles a source found; a replay is not.
    var countsAsFound: Bool {
        if case .unchanged = self { return false }
        return true
    }
}
