/// Counters of an `HTTPTestServer`, as a snapshot: what tests assert on for concurrency,
/// connection reuse and bytes moved.
public struct HTTPTestServerStats: Sendable, Hashable {
    /// Requests parsed (every hop of a redirect counts).
    public var requests = 0
    /// TCP connections accepted; fewer than `requests` means keep-alive was used.
    public var connections = 0
    /// Requests being answered right now.
    public var inFlight = 0
    /// The most requests answered at once.
    public var maxInFlight = 0
    /// Requests being answered right now, by `Host` header.
    public var inFlightByHost: [String: Int] = [:]
    /// The most requests answered at once for each `Host` header.
    public var maxInFlightByHost: [String: Int] = [:]
    /// Bytes written to clients, headers included.
    public var bytesSent = 0
    /// Bytes read from clients (request lines, headers and any body), so a benchmark can count
    /// both directions of the wire.
    public var bytesReceived = 0
    /// Responses that ended because the client went away before the body was complete.
    public var abortedResponses = 0
}
