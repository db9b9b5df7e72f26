import Testing
@testable import GleanerCore

@Suite struct ContentNormalizerTests {
    @Test func theASCIIPathGivesWhatTheScalarPathGives() {
        var samples = [
            "", " ", "plain words", "  Lead and TRAIL \n", "tabs\tand\r\nbreaks\u{0B}\u{0C}", "He said \"it's\" - `so`",
            "a--b - c", "MiXeD 123 CaSe!?", "\u{1C}\u{1D}\u{1E}\u{1F} separators that are not white space",
            "\u{00}\u{7F} controls", "x-", "-x", "''\"\"", "   -   ",
        ]
        samples.append(String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }))
        var random = SplitMix(seed: 0x6e6f_726d)
        for _ in 0..<500 {
            samples.append(String((0..<Int.random(in: 0..<80, using: &random)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 0..<128, using: &random)))
            }))
        }
        for sample in samples {
            #expect(ContentNormalizer.normalizeASCII(sample) == ContentNormalizer.normalizeUnicode(sample), "\(sample.debugDescription)")
        }
    }

    @Test func quotesDashesWhitespaceAndCaseDoNotChangeTheHash() {
        let plain = "He said \"it's over\" - the end.\n\nNext paragraph."
        let variants = [
            "He said “it’s over” — the end.\n\nNext paragraph.",
            "  HE SAID «it's over» – THE END.   Next\tparagraph. ",
            "He said „it‘s over“ ‒ the end.\u{00A0}\n\u{00A0}\nNext paragraph.",
            "he said 'it's over' − the end. next paragraph.",
        ]
        let expected = ContentNormalizer.contentHash(plain)
        for variant in variants {
            #expect(ContentNormalizer.contentHash(variant) == expected, "\(variant)")
        }
        #expect(ContentNormalizer.normalize(plain) == "he said its over the end. next paragraph.")
    }

    @Test func dashStylesWithOrWithoutSpacesAgree() {
        #expect(ContentNormalizer.normalize("war—and peace") == ContentNormalizer.normalize("war – and peace"))
    }

    @Test func otherWordsChangeTheHash() {
        #expect(ContentNormalizer.contentHash("The vote passed.") != ContentNormalizer.contentHash("The vote failed."))
    }

    @Test func hashIsSha256HexOfTheNormalizedText() {
        let hash = ContentNormalizer.contentHash("")
        // SHA-256 of the empty string.
        #expect(hash == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func wordsAreTheNormalizedTokens() {
        #expect(ContentNormalizer.words("One  “Two”\n\nthree—four") == ["one", "two", "three", "four"])
    }

}

@Suite struct WordChangeTests {
    @Test func aReplacedWordCountsOnce() {
        let old = ContentNormalizer.words("the quick brown fox jumps")
        #expect(WordChange.changedWords(from: old, to: ContentNormalizer.words("the quick red fox jumps"), limit: 10) == 1)
        #expect(WordChange.changedWords(from: old, to: ContentNormalizer.words("the quick brown fox"), limit: 10) == 1)
        #expect(WordChange.changedWords(from: old, to: ContentNormalizer.words("a quick brown dog jumps high"), limit: 10) == 3)
        #expect(WordChange.changedWords(from: old, to: old, limit: 10) == 0)
    }

    @Test func belowTheLimitItAgreesWithTheStandardLibrarysDiff() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let old = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Int.random(in: 0...3, using: &generator) }
            let new = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Int.random(in: 0...3, using: &generator) }
            let difference = new.difference(from: old)
            let expected = max(difference.insertions.count, difference.removals.count)
            let limit = Int.random(in: 1...8, using: &generator)
            let changed = WordChange.changedWords(from: old, to: new, limit: limit)
            if expected < limit {
                #expect(changed == expected, "\(old) -> \(new), limit \(limit)")
            } else {
                #expect(changed >= limit, "\(old) -> \(new), limit \(limit)")
            }
        }
    }

    @Test func aRewrittenPageIsSettledWithoutAFullDiff() {
        let old = (0..<200_000).map { "old\($0)" }
        let new = (0..<200_000).map { "new\($0)" }
        #expect(WordChange.changedWords(from: old, to: new, limit: 3) >= 3)
    }
}
