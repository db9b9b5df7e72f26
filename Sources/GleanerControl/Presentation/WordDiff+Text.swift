import GleanerCore

/// The human-readable form of a word diff: the text with removed words as `[-…-]` and inserted
/// words as `{+…+}`, as `git diff --word-diff=plain` marks them, so the output reads the same
/// piped into a file as on a terminal; `colored` adds red and green on top (ANSI escapes).
///
/// Breaks keep their place: text is laid out with every line and paragraph break of either
/// version, and a break that only one version has is marked with `¶` inside that version's
/// markers. Markers never span a line, so each changed line can be found with `grep`.
extension WordDiff {
    public func text(colored: Bool) -> String {
        var output = ""
        var previous: Run?
        for run in runs {
            if let previous, Self.needsSpace(between: previous, and: run) { output += " " }
            output += run.kind == .equal ? run.text : Self.marked(run, colored: colored)
            previous = run
        }
        return output
    }

    /// Words in different runs are still separated by a space, except a removal and the
    /// insertion that replaces it (`[-old-]{+new+}`), and next to a break.
    private static func needsSpace(between previous: Run, and next: Run) -> Bool {
        if previous.text.last == "\n" || next.text.first == "\n" { return false }
        return !(previous.kind == .removed && next.kind == .inserted)
    }

    /// A changed run, each line of it inside its own markers, breaks left as they are.
    private static func marked(_ run: Run, colored: Bool) -> String {
        let (open, close, color) =
            run.kind == .removed ? ("[-", "-]", "\u{1B}[31m") : ("{+", "+}", "\u{1B}[32m")
        func wrap(_ content: Substring) -> String {
            let marked = open + content + close
            return colored ? color + marked + "\u{1B}[0m" : marked
        }
        var output = ""
        var rest = run.text[...]
        while !rest.isEmpty {
            let line = rest.prefix { $0 != "\n" }
            rest = rest.dropFirst(line.count)
            let newlines = rest.prefix { $0 == "\n" }
            rest = rest.dropFirst(newlines.count)
            let content = newlines.isEmpty ? line : line + "¶"
            if !content.isEmpty { output += wrap(content) }
            output += newlines
        }
        return output
    }
}
