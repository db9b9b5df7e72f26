/// One image of an article with what the input says about it. Every field is optional:
/// a plain-text dump may carry a caption and a credit but no address.
public struct ImageRef: Codable, Sendable, Hashable {
    public var url: String?
    public var caption: String?
    public var credit: String?

    public init(url: String? = nil, caption: String? = nil, credit: String? = nil) {
        self.url = url
        self.caption = caption
        self.credit = credit
    }
}
