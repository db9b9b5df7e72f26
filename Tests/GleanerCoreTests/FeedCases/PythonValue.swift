import Foundation
@testable import GleanerCore

/// A value in an `Expect:` evaluation. `text` is prose Gleaner keeps as text, not HTML: it
/// equals a string literal when the literal, converted from HTML to text the way the feed
/// reader converts (`HTMLContentExtractor.text(ofFragment:)`), reads the same with whitespace
/// collapsed. `instant` is a date Gleaner keeps as an instant: it equals a literal date
/// string naming the same instant. `person` is an author name, equal to a literal naming the
/// same person in feedparser's "name (email)" form. A literal may be text or HTML (feedparser
/// returns both under one key), so prose equals a literal read either way.
indirect enum PythonValue: Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case text(String)
    case person(String)
    case instant(Date)
    case list([PythonValue])
    case tuple([PythonValue])
    case dict([String: PythonValue])

    var truthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let n): return n != 0
        case .float(let x): return x != 0
        case .string(let s), .text(let s), .person(let s): return !s.isEmpty
        case .instant: return true
        case .list(let a), .tuple(let a): return !a.isEmpty
        case .dict(let d): return !d.isEmpty
        }
    }

    /// Python `==` with the text, instant and person rules above.
    func matches(_ other: PythonValue) -> Bool {
        switch (self, other) {
        case (.text(let mine), .string(let literal)), (.string(let literal), .text(let mine)):
            // The literal may be text or HTML (feedparser returns both under one key).
            let text = Self.asText(mine)
            return text == Self.asText(literal) || text == Self.asText(Self.htmlToText(literal))
        case (.person(let name), .string(let literal)), (.string(let literal), .person(let name)):
            return TextNormalizer.inline(name) == (FeedText.personName(literal) ?? "")
        case (.instant(let date), .string(let literal)), (.string(let literal), .instant(let date)):
            return DateParsing.parse(literal) == date
        case (.text(let a), .text(let b)): return a == b
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)), (.list(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
        default: return self == other
        }
    }

    /// Python `in`: substring, element, or dict key.
    func contains(_ needle: PythonValue) -> Bool {
        switch self {
        case .string(let s): return needle.stringValue.map { s.contains($0) } ?? false
        case .text(let s), .person(let s):
            guard let n = needle.stringValue else { return false }
            return Self.asText(s).contains(Self.asText(n)) || Self.asText(s).contains(Self.asText(Self.htmlToText(n)))
        case .list(let a), .tuple(let a): return a.contains { $0.matches(needle) }
        case .dict(let d): return needle.stringValue.map { d[$0] != nil } ?? false
        default: return false
        }
    }

    var stringValue: String? {
        switch self {
        case .string(let s), .text(let s), .person(let s): return s
        default: return nil
        }
    }

    static func asText(_ s: String) -> String { TextNormalizer.inline(s) }

    /// Expected HTML as text, the way the reader turns HTML into text.
    static func htmlToText(_ literal: String) -> String {
        guard FeedText.looksLikeMarkup(literal) else { return literal }
        return FeedText.htmlText(literal)
    }
}

/// Evaluates a parsed expression against feedparser-shaped globals (`feed`, `entries`).
struct PythonEvaluator {
    let globals: [String: PythonValue]

    func evaluate(_ e: PythonExpression) throws(PythonError) -> PythonValue {
        switch e {
        case .name(let name):
            guard let value = globals[name] else { throw PythonError("NameError: \(name)") }
            return value
        case .literal(let v): return v
        case .tuple(let items): return .tuple(try items.map { x throws(PythonError) in try evaluate(x) })
        case .list(let items): return .list(try items.map { x throws(PythonError) in try evaluate(x) })
        case .index(let base, let index): return try item(try evaluate(base), try evaluate(index))
        case .attribute(let base, let name): return try item(try evaluate(base), .string(name))
        case .call(let callee, let arguments):
            let args = try arguments.map { x throws(PythonError) in try evaluate(x) }
            return try call(callee, args)
        case .not(let x): return .bool(!(try evaluate(x).truthy))
        case .negate(let x):
            switch try evaluate(x) {
            case .int(let n): return .int(-n)
            case .float(let f): return .float(-f)
            default: throw PythonError("bad operand for -")
            }
        case .and(let a, let b):
            let left = try evaluate(a)
            return left.truthy ? try evaluate(b) : left
        case .or(let a, let b):
            let left = try evaluate(a)
            return left.truthy ? left : try evaluate(b)
        case .compare(let a, let op, let b):
            let left = try evaluate(a), right = try evaluate(b)
            switch op {
            case "==", "is": return .bool(left.matches(right))
            case "!=", "is not": return .bool(!left.matches(right))
            case "in": return .bool(right.contains(left))
            case "not in": return .bool(!right.contains(left))
            default: throw PythonError("unsupported comparison \(op)")
            }
        }
    }

    private func item(_ base: PythonValue, _ index: PythonValue) throws(PythonError) -> PythonValue {
        switch (base, index) {
        case (.dict(let d), _):
            guard let key = index.stringValue, let value = d[key] else { throw PythonError("KeyError: \(index)") }
            return value
        case (.list(let a), .int(let n)), (.tuple(let a), .int(let n)):
            let i = n < 0 ? a.count + n : n
            guard a.indices.contains(i) else { throw PythonError("IndexError: \(n)") }
            return a[i]
        default: throw PythonError("cannot subscript \(base) with \(index)")
        }
    }

    private func call(_ callee: PythonExpression, _ args: [PythonValue]) throws(PythonError) -> PythonValue {
        if case .name("len") = callee, args.count == 1 {
            switch args[0] {
            case .string(let s), .text(let s), .person(let s): return .int(s.count)
            case .list(let a), .tuple(let a): return .int(a.count)
            case .dict(let d): return .int(d.count)
            default: throw PythonError("len of \(args[0])")
            }
        }
        if case .attribute(let base, let method) = callee, case .dict(let d) = try evaluate(base) {
            switch method {
            case "get": return args.first?.stringValue.flatMap { d[$0] } ?? (args.count > 1 ? args[1] : .none)
            case "has_key": return .bool(args.first?.stringValue.map { d[$0] != nil } ?? false)
            case "keys": return .list(d.keys.sorted().map(PythonValue.string))
            default: break
            }
        }
        throw PythonError("unsupported call")
    }
}
