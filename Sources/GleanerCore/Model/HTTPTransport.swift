/// Makes HTTP requests for the fetcher. The daemon plugs in the libcurl transport
/// (GleanerFetch); the core never sees libcurl or a socket. Implementations are safe to call
/// from many tasks at once and apply their own concurrency limits.
public protocol HTTPTransport: Sendable {
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse
}
