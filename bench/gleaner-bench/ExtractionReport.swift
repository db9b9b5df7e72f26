import Foundation

/// Prints the extraction benchmark's tables, every side scored by `ExtractionScoring`.
enum ExtractionReport {
    static func eval(_ pages: [ExtractionCorpus.EvalPage], sides: [ExtractionSide]) {
        let heldOut = pages.filter(\.heldOut).count
        print("\ntrafilatura-eval: \(pages.count) pages (\(pages.count - heldOut) for tuning, \(heldOut) held out), snippets scored as its authors do")
        print(
            Report.pad("extractor", 26) + Report.pad("precision", 11) + Report.pad("recall", 8) + Report.pad("F1", 7)
                + Report.pad("F1 tuning", 11) + Report.pad("F1 held-out", 13) + Report.pad("title", 14) + Report.pad("date", 14)
                + "author")
        for side in sides {
            var all = ExtractionScoring.SnippetCounts()
            var tuning = ExtractionScoring.SnippetCounts()
            var held = ExtractionScoring.SnippetCounts()
            var title = ExtractionScoring.Agreement()
            var date = ExtractionScoring.Agreement()
            var author = ExtractionScoring.Agreement()
            for page in pages {
                let extracted = side.pages[page.id]
                let text = extracted?.text ?? ""
                all.add(text: text, with: page.with, without: page.without)
                if page.heldOut {
                    held.add(text: text, with: page.with, without: page.without)
                } else {
                    tuning.add(text: text, with: page.with, without: page.without)
                }
                title.add(page.title.map { ExtractionScoring.sameTitle(extracted?.title, $0) }, extracted: extracted?.title)
                date.add(page.date.map { ExtractionScoring.sameDay(extracted?.date, $0) }, extracted: extracted?.date)
                author.add(page.author.map { ExtractionScoring.sameAuthors(extracted?.author, $0) }, extracted: extracted?.author)
            }
            print(
                Report.pad(side.name, 26) + Report.pad(f3(all.precision), 11) + Report.pad(f3(all.recall), 8) + Report.pad(f3(all.f1), 7)
                    + Report.pad(f3(tuning.f1), 11) + Report.pad(f3(held.f1), 13) + Report.pad(agreement(title), 14)
                    + Report.pad(agreement(date), 14) + agreement(author))
        }
        print("(title, date, author: agreement where annotated, as agreed/annotated; date by calendar day)")
    }

    static func readability(_ pages: [ExtractionCorpus.ReadabilityPage], sides: [ExtractionSide]) {
        print("\nReadability's test pages: \(pages.count), against that library's expected output")
        print(
            Report.pad("extractor", 26) + Report.pad("headline", 14) + Report.pad("site aside", 14) + Report.pad("byline", 14) + Report.pad("published", 14)
                + Report.pad("body P", 8) + Report.pad("body R", 8) + "body F1")
        for side in sides {
            var headline = ExtractionScoring.Agreement()
            var headlineAside = ExtractionScoring.Agreement()
            var byline = ExtractionScoring.Agreement()
            var published = ExtractionScoring.Agreement()
            var body = ExtractionScoring.Overlap()
            for page in pages {
                let extracted = side.pages[page.id]
                headline.add(page.title.map { ExtractionScoring.sameTitle(extracted?.title, $0) }, extracted: extracted?.title)
                headlineAside.add(
                    page.title.map { ExtractionScoring.sameHeadlineSiteNameAside(extracted?.title, $0) }, extracted: extracted?.title)
                byline.add(page.byline.map { ExtractionScoring.sameAuthors(extracted?.author, $0) }, extracted: extracted?.author)
                published.add(page.publishedTime.map { ExtractionScoring.sameDay(extracted?.date, $0) }, extracted: extracted?.date)
                body.add(extracted: extracted?.text ?? "", expected: page.expectedText)
            }
            print(
                Report.pad(side.name, 26) + Report.pad(agreement(headline), 14) + Report.pad(agreement(headlineAside), 14)
                    + Report.pad(agreement(byline), 14)
                    + Report.pad(agreement(published), 14) + Report.pad(f3(body.precision), 8) + Report.pad(f3(body.recall), 8)
                    + f3(body.f1))
        }
        print(
            "(headline: the same title; site aside: the same once short segments set off by a separator are taken off the"
                + " expected title's ends, since Readability keeps the site's name that Gleaner's headline rule removes;"
                + " headline target: 95% or more of site aside; body: word 3-shingles, averaged over pages)")
    }

    static func speed(_ sides: [ExtractionSide], pages: Int) {
        print("\nspeed, one thread, every page of both sets (\(pages)); each page read in turn, the loop timed")
        print(Report.pad("extractor", 26) + Report.pad("pages/s", 10) + Report.pad("loop", 10) + Report.pad("failures", 10) + Report.pad("process CPU", 13) + "peak RSS")
        for side in sides {
            print(
                Report.pad(side.name, 26) + Report.pad(Report.fixed(Double(side.summary.pages) / side.summary.seconds, 1), 10)
                    + Report.pad(Report.seconds(side.summary.seconds), 10) + Report.pad(String(side.summary.failures), 10)
                    + Report.pad(Report.seconds(side.usage.cpuSeconds), 13) + Report.mebibytes(side.usage.peakRSSKiB))
        }
        guard let gleaner = sides.first else { return }
        for peer in sides.dropFirst() {
            let ratio = peer.summary.seconds / gleaner.summary.seconds
            print("ratio gleaner/\(peer.name): \(Report.fixed(ratio, 1))× the pages per second (target 10× or more)")
        }
        print("gleaner peak RSS \(Report.mebibytes(gleaner.usage.peakRSSKiB)) (target under 150 MB)")
    }

    private static func agreement(_ value: ExtractionScoring.Agreement) -> String {
        "\(Report.fixed(value.rate * 100, 1))% \(value.agreed)/\(value.annotated)"
    }

    private static func f3(_ value: Double) -> String { Report.fixed(value, 3) }
}
