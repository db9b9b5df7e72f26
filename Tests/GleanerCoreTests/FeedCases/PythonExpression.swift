/// The subset of Python that feedparser's `Expect:` lines use, parsed into a tree: `and`,
/// `or`, `not`, comparisons (`==`, `!=`, `in`, `not in`, `is`, `is not`, `<`, `>`), subscripts,
/// attribute access, calls (`len(x)`, `x.get(k)`), string literals with `u`/`b` prefixes and
/// escapes, numbers, tuples, lists, `None`/`True`/`False`. Test-only.
indirect enum PythonExpression {
    case name(String)
    case literal(PythonValue)
    case tuple([PythonExpression])
    case list([PythonExpression])
    case index(PythonExpression, PythonExpression)
    case attribute(PythonExpression, String)
    case call(PythonExpression, [PythonExpression])
    case not(PythonExpression)
    case negate(PythonExpression)
    case compare(PythonExpression, String, PythonExpression)
    case and(PythonExpression, PythonExpression)
    case or(PythonExpression, PythonExpression)
}

/// Why an expression could not be read or evaluated.
struct PythonError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A recursive-descent parser over the tokens of one expression.
struct PythonParser {
    enum Token: Equatable {
        case name(String), string(String), int(Int), float(Double), op(String)
    }

    private var tokens: [Token]
    private var position = 0

    init(_ source: String) throws(PythonError) {
        tokens = try PythonParser.tokenize(Array(source.unicodeScalars))
    }

    mutating func parse() throws(PythonError) -> PythonExpression {
        let expression = try orExpression()
        guard position == tokens.count else { throw PythonError("unexpected \(tokens[position])") }
        return expression
    }

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func accept(_ token: Token) -> Bool {
        guard peek == token else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ token: Token) throws(PythonError) {
        guard accept(token) else { throw PythonError("expected \(token), found \(String(describing: peek))") }
    }

    private mutating func orExpression() throws(PythonError) -> PythonExpression {
        var left = try andExpression()
        while accept(.name("or")) { left = .or(left, try andExpression()) }
        return left
    }

    private mutating func andExpression() throws(PythonError) -> PythonExpression {
        var left = try notExpression()
        while accept(.name("and")) { left = .and(left, try notExpression()) }
        return left
    }

    private mutating func notExpression() throws(PythonError) -> PythonExpression {
        if accept(.name("not")) { return .not(try notExpression()) }
        return try comparison()
    }

    private mutating func comparison() throws(PythonError) -> PythonExpression {
        let first = try unary()
        var result: PythonExpression?
        var previous = first
        while let op = comparisonOperator() {
            // Python chains comparisons: a == b == c is a == b and b == c.
            let right = try unary()
            let link = PythonExpression.compare(previous, op, right)
            result = result.map { .and($0, link) } ?? link
            previous = right
        }
        return result ?? first
    }

    private mutating func comparisonOperator() -> String? {
        if accept(.op("==")) { return "==" }
        if accept(.op("!=")) { return "!=" }
        if accept(.op("<")) { return "<" }
        if accept(.op(">")) { return ">" }
        if accept(.name("in")) { return "in" }
        if peek == .name("not"), position + 1 < tokens.count, tokens[position + 1] == .name("in") {
            position += 2
            return "not in"
        }
        if accept(.name("is")) { return accept(.name("not")) ? "is not" : "is" }
        return nil
    }

    private mutating func unary() throws(PythonError) -> PythonExpression {
        if accept(.op("-")) { return .negate(try unary()) }
        var value = try atom()
        while true {
            if accept(.op("[")) {
                let index = try orExpression()
                try expect(.op("]"))
                value = .index(value, index)
            } else if accept(.op(".")) {
                guard case .name(let name)? = peek else { throw PythonError("expected a name after .") }
                position += 1
                value = .attribute(value, name)
            } else if accept(.op("(")) {
                value = .call(value, try sequence(until: ")"))
            } else {
                return value
            }
        }
    }

    private mutating func sequence(until close: String) throws(PythonError) -> [PythonExpression] {
        var items: [PythonExpression] = []
        while !accept(.op(close)) {
            items.append(try orExpression())
            if !accept(.op(",")) {
                try expect(.op(close))
                break
            }
        }
        return items
    }

    private mutating func atom() throws(PythonError) -> PythonExpression {
        guard let token = peek else { throw PythonError("unexpected end") }
        position += 1
        switch token {
        case .string(var text):
            // Adjacent literals concatenate.
            while case .string(let more)? = peek { text += more; position += 1 }
            return .literal(.string(text))
        case .int(let n): return .literal(.int(n))
        case .float(let x): return .literal(.float(x))
        case .name("None"): return .literal(.none)
        case .name("True"): return .literal(.bool(true))
        case .name("False"): return .literal(.bool(false))
        case .name(let name): return .name(name)
        case .op("("):
            let items = try sequence(until: ")")
            return items.count == 1 && !(tokens[position - 2] == .op(",")) ? items[0] : .tuple(items)
        case .op("["): return .list(try sequence(until: "]"))
        case .op("{"):
            try expect(.op("}"))
            return .literal(.dict([:]))
        default: throw PythonError("unexpected \(token)")
        }
    }
}
