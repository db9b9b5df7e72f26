import Foundation
import Testing
@testable import GleanerCore

/// The date forms feeds use, RFC 822 variants and ISO 8601 / W3DTF, all read as UTC instants.
@Suite struct FeedDateTests {
    /// 2004-01-01T19:48:21Z.
    static let instant = Date(timeIntervalSince1970: 1_072_986_501)

    @Test(arguments: [
        "Thu, 01 Jan 2004 19:48:21 GMT", "Thu, 01 Jan 2004 19:48:21 +0000", "Thu, 1 Jan 2004 19:48:21 UT",
        "01 Jan 2004 19:48:21 Z", "Thu, 01 Jan 04 19:48:21 GMT", "Thursday, 01 January 2004 19:48:21 GMT",
        "Thu, 01 Jan 2004 14:48:21 EST", "Thu, 01 Jan 2004 20:48:21 +01:00", "Thu,01 Jan 2004 19:48:21 GMT",
        "Jan 1, 2004 19:48:21 GMT", "Thu, 01 Jan 2004 11:48:21 PST", "Thu, 01 Jan 2004 19:48:21",
    ])
    func rfc822Variants(_ text: String) {
        #expect(DateParsing.parse(text) == Self.instant, "\(text)")
    }

    @Test(arguments: [
        "2004-01-01T19:48:21Z", "2004-01-01T19:48:21+00:00", "2004-01-01T20:48:21+01:00", "2004-01-01T14:48:21-0500",
        "2004-01-01T19:48:21.000Z", "2004-01-01 19:48:21Z", "2004-01-01T19:48:21", "20040101T194821Z",
    ])
    func iso8601Variants(_ text: String) {
        #expect(DateParsing.parse(text) == Self.instant, "\(text)")
    }

    @Test func partialDates() {
        #expect(DateParsing.parse("2004-01-01") == Date(timeIntervalSince1970: 1_072_915_200))
        #expect(DateParsing.parse("2004-01-01T19:48Z") == Date(timeIntervalSince1970: 1_072_986_480))
        #expect(DateParsing.parse("2004-01") == Date(timeIntervalSince1970: 1_072_915_200))
        #expect(DateParsing.parse("not a date") == nil)
        #expect(DateParsing.parse("2004-13-45T99:99:99Z") == nil)
    }
}
