import Foundation

/// The last resort for a page's date: a day written in the text just after the page's `<h1>`
/// (the one holding the headline, else the first), where "Datum: 18.10.2021" or "dpa am
/// 25.01.2022" stand, else just before it (a kicker line over the heading). Only this window
/// is read, so a date further down — in the text, in a list of other articles, in the
/// comments — is never taken for the page's.
extension HTMLDateFinder {
    /// How much text after and before the heading is looked at, in characters.
    static let afterHeading = 600
    static let beforeHeading = 200

    func dayNearHeading() -> Date? {
        guard let body = root.firstChild("body") ?? Optional(root) else { return nil }
        var texts: [String] = []
        var headingIndex: Int?
        var headingMatched = false
        collect(body, into: &texts, headingIndex: &headingIndex, headingMatched: &headingMatched)
        guard let start = headingIndex else { return nil }
        var after = ""
        for text in texts[start...] where after.count < Self.afterHeading { after += text + " " }
        if let day = TextDates.first(in: String(after.prefix(Self.afterHeading))), let date = plausibleDay(day) {
            return date
        }
        var before = ""
        for text in texts[..<start].reversed() where before.count < Self.beforeHeading { before = text + " " + before }
        if let day = TextDates.first(in: String(before.suffix(Self.beforeHeading))) { return plausibleDay(day) }
        return nil
    }

    private func plausibleDay(_ day: TextDates.Day) -> Date? {
        guard let date = day.date, date >= Date(timeIntervalSince1970: 788_918_400), date <= now.addingTimeInterval(86_400)
        else { return nil }
        return date
    }

    /// The page's visible text pieces in order; `headingIndex` is where the first `<h1>` begins.
    private func isHeadline(_ text: String) -> Bool {
        guard let headline, !headline.isEmpty, !text.isEmpty else { return false }
        return headline.contains(text) || text.contains(headline)
    }

    private func collect(
        _ node: MarkupNode, into texts: inout [String], headingIndex: inout Int?, headingMatched: inout Bool
    ) {
        for child in node.children {
            if child.kind == .text {
                let text = TextNormalizer.inline(child.text)
                if !text.isEmpty { texts.append(text) }
                continue
            }
            guard !["script", "style", "noscript", "template", "select", "option", "svg"].contains(child.name) else { continue }
            let start = texts.count
            collect(child, into: &texts, headingIndex: &headingIndex, headingMatched: &headingMatched)
            // The `<h1>` that holds the headline, else the first one (pages also use `<h1>`
            // for their logo or for screen-reader labels).
            if child.name == "h1" {
                let text = texts[start...].joined(separator: " ")
                if headingIndex == nil || (!headingMatched && isHeadline(text)) {
                    headingIndex = start
                    headingMatched = isHeadline(text)
                }
            }
            if texts.count > 20_000 { return }
        }
    }
}
