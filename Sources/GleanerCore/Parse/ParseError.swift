/// Why one input could not be turned into articles. The input is always at fault (a retry
/// would fail the same way), so it goes to `.failed/` with this text as its reason.
public struct ParseError: StageError, Equatable {
    /// `decode` when the bytes could not become text (gzip, encoding, binary), `parse` when
    /// the text could not become articles.
    public var stage: String
    /// The input's name (`Document.name`).
    public var input: String
    public var reason: String

    public var blamesInput: Bool { true }
    public var description: String { "\(input): \(reason)" }

    public init(stage: String, input: String, reason: String) {
        self.stage = stage
        self.input = input
        self.reason = reason
    }

    static func decode(_ input: String, _ reason: String) -> ParseError {
        ParseError(stage: "decode", input: input, reason: reason)
    }

    static func parse(_ input: String, _ reason: String) -> ParseError {
        ParseError(stage: "parse", input: input, reason: reason)
    }
}
