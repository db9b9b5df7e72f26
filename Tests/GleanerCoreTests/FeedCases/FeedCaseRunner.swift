import Foundation
@testable import GleanerCore

/// Parses every case through `FeedReader` on one worker thread, each within a time bound, and
/// evaluates the applicable `Expect:` lines. A case that overruns its bound is a hang; the run
/// stops there (the worker is stuck) and the hang is reported.
struct FeedCaseRunner {
    enum Outcome {
        case feed(Feed), notAFeed, refused(String)
    }

    struct Result {
        let path: String
        let family: String
        let outcome: Outcome
        let seconds: Double
        /// nil when applicable.
        let notApplicable: String?
        /// Whether the expectation held (also computed, for information, for cases of a family
        /// left out whole whose keys are mapped).
        let passed: Bool
        let failure: String?
    }

    static let timeBound: Double = 10

    /// One slot the worker fills per case and the test thread reads after the semaphore.
    private final class Mailbox: @unchecked Sendable {
        let lock = NSLock()
        let ready = DispatchSemaphore(value: 0)
        var outcomes: [(Outcome, Double)] = []
    }

    /// Results in case order, and the path of the case that hung, if any.
    static func run(_ cases: [FeedCaseCorpus.Case]) -> ([Result], hung: String?) {
        let mailbox = Mailbox()
        let documents = cases.map(document)
        let worker = Thread {
            for document in documents {
                let start = Date()
                let outcome: Outcome
                do {
                    outcome = try FeedReader.read(document).map(Outcome.feed) ?? .notAFeed
                } catch {
                    outcome = .refused("\(error)")
                }
                mailbox.lock.lock()
                mailbox.outcomes.append((outcome, Date().timeIntervalSince(start)))
                mailbox.lock.unlock()
                mailbox.ready.signal()
            }
        }
        worker.stackSize = 8 << 20
        worker.start()
        var results: [Result] = []
        for (index, testCase) in cases.enumerated() {
            guard mailbox.ready.wait(timeout: .now() + timeBound) == .success else {
                return (results, testCase.path)
            }
            mailbox.lock.lock()
            let (outcome, seconds) = mailbox.outcomes[index]
            mailbox.lock.unlock()
            results.append(evaluate(testCase, outcome, seconds))
        }
        return (results, nil)
    }

    /// feedparser's suite serves every case from a local server at 127.0.0.1:8097 under
    /// tests/, so that is each document's address (a `Content-Location` header overrides it).
    private static func document(_ c: FeedCaseCorpus.Case) -> Document {
        Document(
            name: c.path, bytes: c.bytes, source: SourceRef(kind: .feed, name: "feedparser-cases"),
            url: address(c), contentType: c.headers["content-type"], receivedAt: Date())
    }

    /// A `Content-Location` header resolved against the request's address, as the fetcher
    /// would; one that is not http(s) is ignored.
    private static func address(_ c: FeedCaseCorpus.Case) -> String {
        let request = "http://127.0.0.1:8097/tests/\(c.path)"
        guard let location = c.headers["content-location"],
            let resolved = URL(string: location, relativeTo: URL(string: request))?.absoluteURL,
            ["http", "https"].contains(resolved.scheme?.lowercased() ?? "")
        else { return request }
        return resolved.absoluteString
    }

    private static func evaluate(_ c: FeedCaseCorpus.Case, _ outcome: Outcome, _ seconds: Double) -> Result {
        let source = c.expect ?? ""
        var parser = try? PythonParser(source)
        let parsed = try? parser?.parse()
        let reason = c.expect == nil
            ? "no Expect: line"
            : FeedCaseMapping.notApplicable(family: c.family, expression: source, parsed: parsed)
        // Families left out whole (sanitize) are still checked at the text level when their
        // keys are mapped, for information only.
        let keysMapped = c.expect != nil && FeedCaseMapping.notApplicable(family: "", expression: source, parsed: parsed) == nil
        let (passed, failure) = keysMapped ? check(parsed, source, outcome) : (false, nil)
        return Result(path: c.path, family: c.family, outcome: outcome, seconds: seconds, notApplicable: reason,
            passed: passed, failure: failure)
    }

    private static func check(_ parsed: PythonExpression?, _ source: String, _ outcome: Outcome) -> (Bool, String?) {
        guard let parsed else { return (false, "unparsed") }
        guard case .feed(let feed) = outcome else { return (false, "not read as a feed: \(outcome)") }
        let evaluator = PythonEvaluator(globals: FeedCaseMapping.globals(feed))
        do {
            let value = try evaluator.evaluate(FeedCaseMapping.strippingBozo(parsed))
            return value.truthy ? (true, nil) : (false, "false: \(source)\n    got \(summary(feed))")
        } catch {
            return (false, "\(error): \(source)\n    got \(summary(feed))")
        }
    }

    private static func summary(_ feed: Feed) -> String {
        let first = feed.items.first
        return "feed.title=\(feed.title ?? "nil") feed.link=\(feed.link ?? "nil") items=\(feed.items.count) "
            + "title=\(first?.draft.headline ?? "nil") link=\(first?.link ?? "nil") id=\(first?.id ?? "nil") "
            + "author=\(first?.draft.author ?? []) published=\(first?.draft.datePublished.map { "\($0)" } ?? "nil") "
            + "modified=\(first?.draft.dateModified.map { "\($0)" } ?? "nil") keywords=\(first?.draft.keywords ?? []) "
            + "body=\(String((first?.draft.articleBody ?? "").prefix(160)).debugDescription)"
    }
}
