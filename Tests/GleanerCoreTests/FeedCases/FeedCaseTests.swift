import Foundation
import Testing
@testable import GleanerCore

/// Runs Universal Feed Parser's 2,107 test cases (../shared/corpus/feedparser-cases.tar.gz)
/// through `FeedReader`: every file must parse without a crash or hang, and the cases whose
/// expectations concern what Gleaner keeps must pass at 95% or more. Prints the numbers per
/// family and writes every failure to .build/corpus/feedcases-report.txt.
@Suite struct FeedCaseTests {
    @Test func feedparserCases() throws {
        guard let corpus = try FeedCaseCorpus.unpack() else {
            print("FeedCaseTests: skipped — \(FeedCaseCorpus.archive.path) is absent")
            return
        }
        let cases = try corpus.cases()
        #expect(cases.count == 2107, "the corpus holds \(cases.count) files, expected 2,107")
        let started = Date()
        let (results, hung) = FeedCaseRunner.run(cases)
        #expect(hung == nil, "\(hung ?? "") did not finish within \(FeedCaseRunner.timeBound) s")
        #expect(results.count == cases.count, "only \(results.count) of \(cases.count) files completed")

        let applicable = results.filter { $0.notApplicable == nil }
        let passed = applicable.filter(\.passed)
        let rate = applicable.isEmpty ? 0 : Double(passed.count) / Double(applicable.count)
        let report = FeedCaseReport(results: results, elapsed: Date().timeIntervalSince(started))
        print(report.summary(total: cases.count))
        try report.details().write(
            to: corpus.root.deletingLastPathComponent().appendingPathComponent("feedcases-report.txt"),
            atomically: true, encoding: .utf8)
        #expect(applicable.count >= 550, "only \(applicable.count) applicable cases: the mapping lost families")
        #expect(rate >= 0.95, "applicable pass rate \(rate) is below 95%")
    }
}
