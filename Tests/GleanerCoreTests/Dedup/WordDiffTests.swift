import Foundation
import GleanerCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The word diff behind `gleanerctl diff` and `history`: exact runs on small edits, shortest
/// scripts where the search is not cut short, valid scripts always, and bounded time and memory
/// on a page rewritten from scratch.
@Suite struct WordDiffTests {
    private typealias Run = WordDiff.Run

    @Test func identicalTextsAreOneEqualRun() {
        let text = "The harbour reopened on Monday.\n\nFerries resumed."
        let diff = WordDiff(from: text, to: text)
        #expect(diff.runs == [Run(kind: .equal, text: "The harbour reopened on Monday.\n\nFerries resumed.")])
        #expect(diff.wordsAdded == 0)
        #expect(diff.wordsRemoved == 0)
        #expect(diff.isEmpty)
    }

    @Test func whitespaceWithinALineIsNotAChange() {
        let diff = WordDiff(from: "a  b\tc ", to: " a b c")
        #expect(diff.runs == [Run(kind: .equal, text: "a b c")])
        #expect(diff.isEmpty)
    }

    @Test func anInsertedWordIsOneInsertedRun() {
        let diff = WordDiff(from: "ten people were hurt", to: "ten people were badly hurt")
        #expect(diff.runs == [
            Run(kind: .equal, text: "ten people were"), Run(kind: .inserted, text: "badly"),
            Run(kind: .equal, text: "hurt"),
        ])
        #expect(diff.wordsAdded == 1)
        #expect(diff.wordsRemoved == 0)
    }

    @Test func deletedWordsAreOneRemovedRun() {
        let diff = WordDiff(from: "the minister said on Monday that talks failed", to: "the minister said talks failed")
        #expect(diff.runs == [
            Run(kind: .equal, text: "the minister said"), Run(kind: .removed, text: "on Monday that"),
            Run(kind: .equal, text: "talks failed"),
        ])
        #expect(diff.wordsAdded == 0)
        #expect(diff.wordsRemoved == 3)
    }

    @Test func aReplacedWordIsRemovedThenInserted() {
        let diff = WordDiff(from: "Ten people were hurt.", to: "Twelve people were hurt.")
        #expect(diff.runs == [
            Run(kind: .removed, text: "Ten"), Run(kind: .inserted, text: "Twelve"),
            Run(kind: .equal, text: "people were hurt."),
        ])
        #expect(diff.wordsAdded == 1)
        #expect(diff.wordsRemoved == 1)
    }

    @Test func fromAndToNothing() {
        let added = WordDiff(from: "", to: "first words\n\nsecond paragraph")
        #expect(added.runs == [Run(kind: .inserted, text: "first words\n\nsecond paragraph")])
        #expect(added.wordsAdded == 4)
        let removed = WordDiff(from: "gone now", to: "  ")
        #expect(removed.runs == [Run(kind: .removed, text: "gone now")])
        #expect(removed.wordsRemoved == 2)
        #expect(WordDiff(from: "", to: "").runs.isEmpty)
    }

    @Test func paragraphBreaksAreTokensAndKeepTheirPlace() {
        let old = "One two three.\n\nSeven eight."
        let new = "One two three.\n\nFour five six.\n\n\n\nSeven eight."
        let diff = WordDiff(from: old, to: new)
        #expect(diff.wordsAdded == 3)
        #expect(diff.wordsRemoved == 0)
        // The new paragraph and one paragraph break are inserted; the equal runs, read with the
        // inserted ones, give the new text with its breaks (many blank lines are one break).
        let inserted = diff.runs.filter { $0.kind == .inserted }
        #expect(inserted.count == 1)
        #expect(inserted.first?.text.contains("Four five six.") == true)
        #expect(inserted.first?.text.contains("\n\n") == true)
        let newSide = diff.runs.filter { $0.kind != .removed }.map(\.text).joined(separator: " ")
        #expect(newSide.split(whereSeparator: \.isWhitespace) == new.split(whereSeparator: \.isWhitespace))
    }

    @Test func aMergedParagraphIsARemovedBreakAndNoWord() {
        let diff = WordDiff(from: "First part.\n\nSecond part.", to: "First part.\nSecond part.")
        #expect(diff.runs == [
            Run(kind: .equal, text: "First part."), Run(kind: .removed, text: "\n\n"),
            Run(kind: .inserted, text: "\n"), Run(kind: .equal, text: "Second part."),
        ])
        #expect(diff.wordsAdded == 0)
        #expect(diff.wordsRemoved == 0)
        #expect(!diff.isEmpty)
    }

    @Test func scriptsAreShortestOnRandomSmallInputs() {
        var random = SeededWords(seed: 11)
        for round in 0..<300 {
            let old = random.numbers(count: Int(random.next() % 40), alphabet: 4)
            let new = random.numbers(count: Int(random.next() % 40), alphabet: 4)
            let script = EditScript(from: old, to: new)
            let keptOld = zip(old, script.removed).filter { !$0.1 }.map(\.0)
            let keptNew = zip(new, script.inserted).filter { !$0.1 }.map(\.0)
            #expect(keptOld == keptNew, "round \(round): \(old) → \(new)")
            #expect(keptOld.count == Self.longestCommonSubsequence(old, new), "round \(round): not shortest")
        }
    }

    @Test func aTinyCostLimitStillGivesAValidScript() {
        var random = SeededWords(seed: 5)
        for _ in 0..<100 {
            let old = random.numbers(count: 200, alphabet: 6)
            let new = random.numbers(count: 180, alphabet: 6)
            let script = EditScript(from: old, to: new, costLimit: 1)
            let keptOld = zip(old, script.removed).filter { !$0.1 }.map(\.0)
            let keptNew = zip(new, script.inserted).filter { !$0.1 }.map(\.0)
            #expect(keptOld == keptNew)
        }
    }

    /// A 20,000-word page replaced by another of random words from the same small vocabulary:
    /// many edits and many chance matches. Keeping every frontier (`difference(from:)`) would
    /// need gigabytes; the bounded search finishes in seconds in a debug build and
    /// stays within a few megabytes.
    @Test func aLargeRewriteFinishesQuicklyInBoundedMemory() {
        var random = SeededWords(seed: 99)
        let old = random.text(words: 20_000)
        let new = random.text(words: 20_000)
        let residentBefore = Self.peakResidentBytes()
        let started = ContinuousClock.now
        let diff = WordDiff(from: old, to: new)
        let elapsed = ContinuousClock.now - started
        let residentGrowth = Self.peakResidentBytes() - residentBefore

        #expect(elapsed < .seconds(30), "took \(elapsed)")
        #expect(residentGrowth < 512 * 1024 * 1024, "peak resident memory grew by \(residentGrowth) bytes")
        // Still a correct script: each side reads back from its runs.
        let oldSide = diff.runs.filter { $0.kind != .inserted }.map(\.text).joined(separator: " ")
        let newSide = diff.runs.filter { $0.kind != .removed }.map(\.text).joined(separator: " ")
        #expect(oldSide.split(separator: " ") == old.split(separator: " "))
        #expect(newSide.split(separator: " ") == new.split(separator: " "))
        #expect(diff.wordsAdded > 0 && diff.wordsAdded <= 20_000)
        #expect(diff.wordsAdded - diff.wordsRemoved == 0)
    }

    @Test func scatteredEditsInALongTextAreCountedExactly() {
        var random = SeededWords(seed: 42)
        var words = random.text(words: 20_000).split(separator: " ").map(String.init)
        let old = words.joined(separator: " ")
        let positions = Array(stride(from: 150, to: 20_000, by: 700))
        for position in positions { words[position] = "REPLACED\(position)" }
        let diff = WordDiff(from: old, to: words.joined(separator: " "))
        let edits = positions.count
        #expect(diff.wordsAdded == edits)
        #expect(diff.wordsRemoved == edits)
        #expect(diff.runs.filter { $0.kind == .inserted }.count == edits)
    }

    private static func longestCommonSubsequence(_ a: [Int], _ b: [Int]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for j in stride(from: 1, through: b.count, by: 1) {
                let above = row[j]
                row[j] = x == b[j - 1] ? diagonal + 1 : max(row[j], row[j - 1])
                diagonal = above
            }
        }
        return row[b.count]
    }

    /// The process's peak resident set so far (`getrusage`), in bytes.
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }
}

/// Reproducible random inputs for the diff tests (xorshift64*).
private struct SeededWords {
    private var state: UInt64
    private static let vocabulary = "minister council harbour treaty budget tariff pipeline election senate court ruling protest border summit grain drone reactor envoy governor rebel convoy refinery currency deficit reform ballot verdict appeal strike union factory railway bridge harvest drought flood storm vaccine clinic school".split(separator: " ")

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func numbers(count: Int, alphabet: UInt64) -> [Int] {
        (0..<count).map { _ in Int(next() % alphabet) }
    }

    mutating func text(words: Int) -> String {
        (0..<words).map { _ in String(Self.vocabulary[Int(next() % UInt64(Self.vocabulary.count))]) }
            .joined(separator: " ")
    }
}
