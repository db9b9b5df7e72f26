/// A word-level difference between two texts, as an edit script of runs: text both share,
/// text only the old one has (removed) and text only the new one has (inserted), in reading
/// order, a removal before the insertion that replaces it. A value; `gleanerctl diff` shows it
/// and `gleanerctl history` counts it.
///
/// Words are what whitespace separates, compared exactly (case and punctuation count: a diff
/// shows what a reader sees changed). Line and paragraph breaks are tokens of their own, so a
/// paragraph added, removed or split is part of the script and the runs keep the layout: a
/// run's text is its words joined by single spaces, with `"\n"` for a line break and `"\n\n"`
/// for a paragraph break (a blank line, however many). Only words are counted in
/// `wordsAdded` and `wordsRemoved`.
public struct WordDiff: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case equal, removed, inserted
    }

    /// Consecutive tokens of one kind.
    public struct Run: Codable, Sendable, Hashable {
        public var kind: Kind
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var runs: [Run]
    public var wordsAdded: Int
    public var wordsRemoved: Int

    public init(runs: [Run], wordsAdded: Int, wordsRemoved: Int) {
        self.runs = runs
        self.wordsAdded = wordsAdded
        self.wordsRemoved = wordsRemoved
    }

    /// The difference turning `old` into `new`; `costLimit` bounds the work on heavily
    /// rewritten texts (see `EditScript`).
    public init(from old: String, to new: String, costLimit: Int = EditScript.defaultCostLimit) {
        let oldTokens = WordDiff.tokens(of: old)
        let newTokens = WordDiff.tokens(of: new)
        // Number each distinct token once, so the diff compares integers.
        var numbers: [Substring: Int] = [:]
        func numbered(_ tokens: [Substring]) -> [Int] {
            tokens.map { token in
                if let known = numbers[token] { return known }
                numbers[token] = numbers.count
                return numbers.count - 1
            }
        }
        let script = EditScript(from: numbered(oldTokens), to: numbered(newTokens), costLimit: costLimit)

        var builder = RunBuilder()
        var (i, j) = (0, 0)
        while i < oldTokens.count || j < newTokens.count {
            if i < oldTokens.count && script.removed[i] {
                builder.add(oldTokens[i], as: .removed)
                i += 1
            } else if j < newTokens.count && script.inserted[j] {
                builder.add(newTokens[j], as: .inserted)
                j += 1
            } else {
                builder.add(newTokens[j], as: .equal)
                i += 1
                j += 1
            }
        }
        self.init(runs: builder.finish(), wordsAdded: builder.words[.inserted] ?? 0, wordsRemoved: builder.words[.removed] ?? 0)
    }

    /// Whether the two texts have the same words and breaks.
    public var isEmpty: Bool { runs.allSatisfy { $0.kind == .equal } }

    /// The words and breaks of `text`, in order. Whitespace between two words is a break token
    /// when it holds a newline: `"\n\n"` for two or more, `"\n"` for one. Leading and trailing
    /// whitespace is no token.
    static func tokens(of text: String) -> [Substring] {
        var tokens: [Substring] = []
        var index = text.startIndex
        var newlines = 0
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                if character.isNewline { newlines += 1 }
                index = text.index(after: index)
                continue
            }
            if !tokens.isEmpty && newlines > 0 { tokens.append(newlines > 1 ? "\n\n" : "\n") }
            newlines = 0
            let start = index
            while index < text.endIndex && !text[index].isWhitespace { index = text.index(after: index) }
            tokens.append(text[start..<index])
        }
        return tokens
    }

    static func isBreak(_ token: some StringProtocol) -> Bool { token.first == "\n" }
}

/// Gathers tokens into runs, joining words with single spaces and breaks with nothing, and
/// counts the words of each kind.
private struct RunBuilder {
    private var runs: [WordDiff.Run] = []
    private var current: (kind: WordDiff.Kind, text: String, lastIsBreak: Bool)?
    private(set) var words: [WordDiff.Kind: Int] = [:]

    mutating func add(_ token: Substring, as kind: WordDiff.Kind) {
        let isBreak = WordDiff.isBreak(token)
        if !isBreak { words[kind, default: 0] += 1 }
        if var run = current, run.kind == kind {
            if !isBreak && !run.lastIsBreak { run.text += " " }
            run.text += token
            run.lastIsBreak = isBreak
            current = run
        } else {
            flush()
            current = (kind, String(token), isBreak)
        }
    }

    private mutating func flush() {
        if let current { runs.append(WordDiff.Run(kind: current.kind, text: current.text)) }
        current = nil
    }

    mutating func finish() -> [WordDiff.Run] {
        flush()
        return runs
    }
}
