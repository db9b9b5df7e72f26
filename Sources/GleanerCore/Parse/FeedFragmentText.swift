/// Writes a feed item's HTML content as text straight from its bytes, in one pass: the text
/// `HTMLContentExtractor.text(ofFragment:keepingEveryParagraph: true)` gives after
/// `FeedEntities.numericHTMLEntities`, without a libxml2 document, a `MarkupNode` tree and
/// a string per node. It reads only fragments whose tree libxml2's HTML parser builds as
/// written — elements of `FeedFragmentTags`, closed in order, none that libxml2 would close
/// implicitly, plain attribute values, comments, character references — and answers nil
/// for anything else, which then goes the general way. Stateless.
enum FeedFragmentText {
    static func text(_ html: String) -> String? {
        var html = html
        return html.withUTF8 { text($0) }
    }

    /// `text` of valid UTF-8.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var reader = Reader(bytes: bytes)
        guard reader.run() else { return nil }
        return String(decoding: reader.output, as: UTF8.self)
    }

    /// The single pass: a stack of open elements, the paragraph being written and the text
    /// written so far; mirrors `HTMLContentExtractor.BlockWriter`.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var output: [UInt8] = []
        /// The current paragraph's raw text (`BlockWriter.buffer`).
        var paragraph: [UInt8] = []
        /// Where the text node being read started in `paragraph`, when one is open.
        var nodeStart: Int?
        var lastWasBreak = false
        /// Open elements, and how many of them are dropped with their content.
        var stack: [FeedFragmentTags.Info] = []
        var dropped = 0
        var junkAnswers: [String: Bool] = [:]

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            output.reserveCapacity(bytes.count)
        }

        /// Reads the whole fragment; false when it is not one this reader handles exactly.
        mutating func run() -> Bool {
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "<") {
                    guard markup() else { return false }
                } else if byte == UInt8(ascii: "&") {
                    guard reference() else { return false }
                } else {
                    var end = i
                    while end < bytes.count {
                        let b = bytes[end]
                        if b == UInt8(ascii: "<") || b == UInt8(ascii: "&") { break }
                        // Characters libxml2 rejects or alters: C0 controls, U+FFFE, U+FFFF.
                        if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return false }
                        if isNonCharacter(at: end) { return false }
                        end += 1
                    }
                    text(UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    i = end
                }
            }
            endTextNode()
            flush()
            return true
        }

        /// U+FFFE or U+FFFF (EF BF BE, EF BF BF) at `k`, which XML and HTML parsers reject.
        private func isNonCharacter(at k: Int) -> Bool {
            bytes[k] == 0xEF && k + 2 < bytes.count && bytes[k + 1] == 0xBF && bytes[k + 2] >= 0xBE
        }

        mutating func text(_ run: UnsafeBufferPointer<UInt8>) {
            guard dropped == 0 else { return }
            if nodeStart == nil { nodeStart = paragraph.count }
            paragraph.append(contentsOf: run)
        }

        /// A text node ends at a tag or comment: `BlockWriter` tests each node for blankness.
        mutating func endTextNode() {
            guard let start = nodeStart else { return }
            nodeStart = nil
            if !isBlank(paragraph[start...]) { lastWasBreak = false }
        }

        /// `BlockWriter.isBlank`, on the node's bytes.
        private func isBlank(_ node: ArraySlice<UInt8>) -> Bool {
            node.withUnsafeBufferPointer { b in
                var k = 0
                while k < b.count {
                    let (v, length) = TextNormalizer.scalar(at: k, in: b)
                    if !TextNormalizer.isSpace(v) {
                        if v < 0x300 { return false }
                        return String(decoding: b, as: UTF8.self).allSatisfy(\.isWhitespace)
                    }
                    k += length
                }
                return true
            }
        }

        mutating func flush() {
            paragraph.withUnsafeBufferPointer { TextNormalizer.appendInline($0, to: &output, separator: true) }
            paragraph.removeAll(keepingCapacity: true)
            lastWasBreak = false
        }

        // MARK: References

        /// An `&`: what `numericHTMLEntities` makes of it, then what libxml2's HTML parser
        /// makes of that — the character, or the text as written.
        mutating func reference() -> Bool {
            switch FeedEntities.reference(bytes, from: i + 1) {
            case nil:
                // Rewritten `&amp;`: a literal ampersand.
                append("&")
                i += 1
            case .named(let name, let end):
                if let value = Self.xmlValues[name] {
                    append(value)
                } else if FeedEntities.xmlEntities.contains(name) {
                    return false
                } else if let value = FeedEntities.htmlValue(name) {
                    guard let scalar = Unicode.Scalar(value) else { return false }
                    append(scalar)
                } else {
                    // An unknown name stays as written, `&` and `;` included.
                    text(UnsafeBufferPointer(rebasing: bytes[i...end]))
                }
                i = end + 1
            case .numeric(let value, let end):
                let v = FeedEntities.windows1252(value)
                // Only characters XML allows; libxml2 drops the rest, which is rare enough to leave to it.
                guard v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                    || (0x10000...0x10FFFF).contains(v), let scalar = Unicode.Scalar(v)
                else { return false }
                append(scalar)
                i = end + 1
            }
            return true
        }

        private static let xmlValues: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\""]

        private mutating func append(_ scalar: Unicode.Scalar) {
            guard dropped == 0 else { return }
            if nodeStart == nil { nodeStart = paragraph.count }
            paragraph.append(contentsOf: scalar.utf8)
        }

        // MARK: Markup

        mutating func markup() -> Bool {
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if isLetter(next) { return startTag() }
            if next == UInt8(ascii: "/") { return endTag() }
            if next == UInt8(ascii: "!") { return comment() }
            // libxml2 keeps a `<` that starts no markup as text.
            if next == 0x20 || next == 0x09 || next == 0x0A || (next >= 0x30 && next <= 0x39) {
                text(UnsafeBufferPointer(rebasing: bytes[i..<(i + 1)]))
                i += 1
                return true
            }
            return false
        }

        private func isLetter(_ b: UInt8) -> Bool { b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z") }
        private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        /// An HTML name (libxml2's: letters, digits, `:-_.`), lowercased.
        private mutating func name() -> String? {
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                guard isLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ":") || b == UInt8(ascii: "-")
                    || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                else { break }
                i += 1
            }
            guard i > start, i - start <= 90 else { return nil }
            return String(unsafeUninitializedCapacity: i - start) { out in
                for k in start..<i { out[k - start] = bytes[k] | (isLetter(bytes[k]) ? 0x20 : 0) }
                return i - start
            }
        }

        private mutating func skipSpaces() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }

        mutating func startTag() -> Bool {
            i += 1
            guard let tagName = name(), let info = FeedFragmentTags.table[tagName] else { return false }
            // An element libxml2 would close here first changes the tree: not ours to read.
            if let current = stack.last, current.closedBy.contains(tagName) { return false }
            guard stack.count < 100 else { return false }
            var junkValues: [String: String]?
            while true {
                skipSpaces()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                if bytes[i] == UInt8(ascii: "/") {
                    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { return false }
                    i += 2
                    return element(info, junkValues, selfClosed: true)
                }
                guard isLetter(bytes[i]), let attribute = name() else { return false }
                skipSpaces()
                var value = ""
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                    i += 1
                    skipSpaces()
                    guard let v = attributeValue(plain: FeedFragmentTags.junkAttributes.contains(attribute)) else { return false }
                    value = v
                }
                if FeedFragmentTags.junkAttributes.contains(attribute) {
                    var values = junkValues ?? [:]
                    guard values[attribute] == nil else { return false }
                    values[attribute] = value
                    junkValues = values
                }
            }
            return element(info, junkValues, selfClosed: false)
        }

        /// A quoted or bare attribute value. Values the extractor reads (`plain`) are kept
        /// only when libxml2 would hand them over unchanged: no reference, no line break.
        private mutating func attributeValue(plain: Bool) -> String? {
            guard i < bytes.count else { return nil }
            let quote = bytes[i]
            let start: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                i += 1
                start = i
                while i < bytes.count, bytes[i] != quote {
                    let b = bytes[i]
                    if b < 0x20 && (plain || (b != 0x09 && b != 0x0A && b != 0x0D)) { return nil }
                    if isNonCharacter(at: i) { return nil }
                    if plain, b == UInt8(ascii: "&") { return nil }
                    // `numericHTMLEntities` would read an `<!ENTITY` or `<![CDATA[` even here.
                    if b == UInt8(ascii: "<") { return nil }
                    i += 1
                }
                guard i < bytes.count else { return nil }
                i += 1
                return plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self) : ""
            }
            start = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") {
                let b = bytes[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "<") || b == UInt8(ascii: "=")
                    || b == UInt8(ascii: "`") || b == UInt8(ascii: "&") || b == UInt8(ascii: "/") || isNonCharacter(at: i)
                {
                    return nil
                }
                i += 1
            }
            guard i > start else { return nil }
            return plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) : ""
        }

        /// An element's start (and, void or `/>`, its end) as `BlockWriter` writes it.
        private mutating func element(_ info: FeedFragmentTags.Info, _ junkValues: [String: String]?, selfClosed: Bool) -> Bool {
            endTextNode()
            if info.name == "br" {
                // `BlockWriter` handles `<br>` before asking whether it is junk.
                if dropped == 0 {
                    if lastWasBreak { flush() } else { paragraph.append(0x20); lastWasBreak = true }
                }
                return true
            }
            let junk = junkValues.map { isJunk(info.name, $0) } ?? info.isDropped
            if info.isVoid || selfClosed {
                if dropped == 0, !junk, info.isBlock { flush(); flush() }
                return true
            }
            if junk || dropped > 0 {
                dropped += 1
            } else if info.isBlock {
                flush()
            }
            stack.append(info)
            return true
        }

        /// The extractor's answer for an element with attributes it reads, asked once per
        /// distinct element in a fragment (content repeats its styled spans and divs).
        private mutating func isJunk(_ name: String, _ attributes: [String: String]) -> Bool {
            var key = name
            for (attribute, value) in attributes.sorted(by: { $0.key < $1.key }) { key += "\u{0}" + attribute + "\u{0}" + value }
            if let known = junkAnswers[key] { return known }
            let answer = FeedFragmentTags.isJunk(name, attributes: attributes)
            junkAnswers[key] = answer
            return answer
        }

        mutating func endTag() -> Bool {
            i += 2
            guard i < bytes.count, isLetter(bytes[i]), let tagName = name() else { return false }
            skipSpaces()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ">"), let open = stack.last, open.name == tagName else { return false }
            i += 1
            endTextNode()
            stack.removeLast()
            if dropped > 0 {
                dropped -= 1
            } else if open.isBlock {
                flush()
            }
            return true
        }

        /// `<!-- … -->` with no `--` inside and not the abrupt `<!-->` / `<!--->` forms.
        mutating func comment() -> Bool {
            guard i + 4 < bytes.count, bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-"),
                bytes[i + 4] != UInt8(ascii: ">"), bytes[i + 4] != UInt8(ascii: "-")
            else { return false }
            var k = i + 4
            while k + 1 < bytes.count {
                if bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == UInt8(ascii: "-") {
                    guard k + 2 < bytes.count, bytes[k + 2] == UInt8(ascii: ">") else { return false }
                    endTextNode()
                    i = k + 3
                    return true
                }
                // A CDATA opener would change what `numericHTMLEntities` copies untouched.
                if bytes[k] == UInt8(ascii: "<"), bytes[k + 1] == UInt8(ascii: "!") { return false }
                // Characters libxml2 rejects end its comment differently.
                let b = bytes[k]
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || isNonCharacter(at: k) { return false }
                k += 1
            }
            return false
        }
    }
}
