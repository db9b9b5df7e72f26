/// Why a fetch did not produce a response: the transport's own limits and safety rules, or
/// libcurl's error with its code and message kept. The source is to blame, never an inbox
/// input, so the fetcher backs off and tries again later.
public struct FetchError: StageError, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Connect, total or low-speed timeout.
        case timeout
        /// The decoded body passed `fetch.maxBodySize`.
        case bodyTooLarge
        /// More redirects than `fetch.maxRedirects`.
        case tooManyRedirects
        /// A scheme other than http or https, asked for or redirected to.
        case refusedScheme
        /// A loopback, private, link-local or unique-local address while `allowPrivateNetworks` is off.
        case refusedAddress
        /// Any other libcurl failure (name resolution, connection, TLS…); see `curlCode`.
        case transport
    }

    public var kind: Kind
    public var url: String
    public var message: String
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int32?

    public init(kind: Kind, url: String, message: String, curlCode: Int32? = nil) {
        self.kind = kind
        self.url = url
        self.message = message
        self.curlCode = curlCode
    }

    public var stage: String { "fetch" }
    public var blamesInput: Bool { false }
    public var description: String { "\(url): \(message)" }
}
