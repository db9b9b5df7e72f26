/// `fetchNow` was asked for sources the configuration does not have; nothing was marked due.
public struct UnknownSourceError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The names asked for that no configured source has, in the order asked.
    public var names: [String]

    public init(names: [String]) {
        self.names = names
    }

    public var description: String {
        let quoted = names.map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count == 1 ? "no source is named \(quoted)" : "no sources are named \(quoted)"
    }
}
