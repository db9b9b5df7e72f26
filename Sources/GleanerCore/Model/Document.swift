import Foundation

/// One raw input as it arrived, before parsing: the bytes of an inbox file or of an HTTP body,
/// with what the transport knows about it. Immutable; crosses from the inbox or the fetcher
/// into the pipeline.
public struct Document: Sendable {
    /// The inbox file name, or the URL a body was fetched from.
    public var name: String
    public var bytes: [UInt8]
    public var source: SourceRef
    /// The address the bytes were fetched from, when they were fetched; resolves relative links.
    public var url: String?
    /// The HTTP `Content-Type` header, when there was one (it may declare a charset).
    public var contentType: String?
    public var receivedAt: Date

    public init(
        name: String, bytes: [UInt8], source: SourceRef, url: String? = nil,
        contentType: String? = nil, receivedAt: Date
    ) {
        self.name = name
        self.bytes = bytes
        self.source = source
        self.url = url
        self.contentType = contentType
        self.receivedAt = receivedAt
    }
}
