/// Why the inbox itself refused an input, before the pipeline saw it: it is not a regular
/// file, it is too large, or it could not be read. Always the input's fault: it goes to
/// `.failed/` with this as its reason.
struct InboxInputError: StageError {
    enum Cause: Sendable {
        case notRegularFile(kind: String)
        case tooLarge(size: Int, limit: Int)
        case unreadable(SystemError)
    }

    var name: String
    var cause: Cause

    var stage: String { "inbox" }
    var blamesInput: Bool { true }

    var description: String {
        switch cause {
        case .notRegularFile(let kind):
            "\(name) is a \(kind), not a regular file; it is not followed or opened"
        case .tooLarge(let size, let limit):
            "\(name): file is \(size) bytes, larger than maxFileSize \(limit)"
        case .unreadable(let error):
            "\(name) could not be read: \(error)"
        }
    }
}
