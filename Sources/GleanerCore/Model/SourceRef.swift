/// Where an input came from: the inbox (named by its file name), a feed or a page source
/// (named by the source's name in the configuration).
public struct SourceRef: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case inbox, feed, page
    }

    public var kind: Kind
    public var name: String

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }
}
