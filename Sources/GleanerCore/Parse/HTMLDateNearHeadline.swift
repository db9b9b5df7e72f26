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

    func dayNearHeading(_ window: HeadingWindow) -> Date? {
        let after = window.after(Self.afterHeading).joined(separator: " ")
        if let day = TextDates.first(in: String(after.prefix(Self.afterHeading))), let date = plausibleDay(day) {
            return date
        }
        let before = window.before(Self.beforeHeading).joined(separator: " ")
        if let day = TextDates.first(in: String(before.suffix(Self.beforeHeading))) { return plausibleDay(day) }
        return nil
    }

    private func plausibleDay(_ day: TextDates.Day) -> Date? {
        guard let date = day.date, date >= Date(timeIntervalSince1970: 788_918_400), date <= now.addingTimeInterval(86_400)
        else { return nil }
        return date
    }
}
