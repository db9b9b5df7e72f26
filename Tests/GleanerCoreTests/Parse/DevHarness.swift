import Foundation
import Testing
@testable import GleanerCore

@Suite(.enabled(if: ProcessInfo.processInfo.environment["DEV_HARNESS"] != nil))
struct DevHarness {
    @Test func trafilatura() throws {
        let root = URL(fileURLWithPath: ".build/corpus/trafilatura-eval")
        let eval = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("evaldata.json"))) as! [String: [String: Any]]
        var tp = 0, fn = 0, fp = 0, tn = 0, failures = 0
        let start = Date()
        var worst: [(String, Int)] = []
        for (url, entry) in eval {
            let file = entry["file"] as! String
            var path = root.appendingPathComponent("eval/\(file)")
            if !FileManager.default.fileExists(atPath: path.path) { path = root.appendingPathComponent("cache/\(file)") }
            guard let data = try? Data(contentsOf: path) else { continue }
            let doc = ParseTestSupport.document(Array(data), name: file, url: url)
            var text = ""
            do { text = try DocumentParser().parse(doc).map(\.articleBody).joined(separator: " ") } catch { failures += 1; print("TFAIL", error) }
            text = TextNormalizer.inline(text)
            var miss = 0
            for s in entry["with"] as! [String] { if text.contains(TextNormalizer.inline(s)) { tp += 1 } else { fn += 1; miss += 1 } }
            for s in entry["without"] as! [String] { if text.contains(TextNormalizer.inline(s)) { fp += 1; miss += 1 } else { tn += 1 } }
            worst.append((file, miss))
        }
        let p = Double(tp) / Double(tp + fp), r = Double(tp) / Double(tp + fn)
        print("TRAF p=\(p) r=\(r) f1=\(2 * p * r / (p + r)) failures=\(failures) time=\(Date().timeIntervalSince(start))")
        print("WORST", worst.sorted { $0.1 > $1.1 }.prefix(15))
        #expect(tp > 0)
    }

    @Test func readability() throws {
        let root = URL(fileURLWithPath: ".build/corpus/readability-test-pages")
        var n = 0, title = 0, byline = 0, bylineExp = 0, lang = 0, langExp = 0, date = 0, dateExp = 0, failures = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let dir = root.appendingPathComponent(name)
            guard let html = try? Data(contentsOf: dir.appendingPathComponent("source.html")),
                  let meta = try? JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected-metadata.json"))) as? [String: Any]
            else { continue }
            n += 1
            do { _ = try DocumentParser().parse(ParseTestSupport.document(Array(html), name: name + ".html", url: "http://fakehost/test/page.html")) } catch { print("RFAIL", error) }
            guard let draft = try? DocumentParser().parse(ParseTestSupport.document(Array(html), name: name + ".html", url: "http://fakehost/test/page.html")).first else { failures += 1; print("FAIL", name); continue }
            if let t = meta["title"] as? String { if draft.headline == t { title += 1 } else if ProcessInfo.processInfo.environment["SHOW"] != nil { print("TITLE", name, t, "|", draft.headline ?? "nil") } }
            if let b = meta["byline"] as? String { bylineExp += 1; if draft.author.contains(where: { b.contains($0) }) { byline += 1 } else if ProcessInfo.processInfo.environment["SHOWB"] != nil { print("BYLINE", name, b, "|", draft.author) } }
            if let l = meta["lang"] as? String { langExp += 1; if draft.inLanguage == l { lang += 1 } else { print("LANG", name, l, draft.inLanguage ?? "nil") } }
            if let d = meta["publishedTime"] as? String { dateExp += 1; if draft.datePublished != nil { date += 1 } else { print("DATE", name, d) } }
        }
        print("READ n=\(n) title=\(title) byline=\(byline)/\(bylineExp) lang=\(lang)/\(langExp) date=\(date)/\(dateExp) failures=\(failures)")
        #expect(n > 0)
    }
}

@Suite(.enabled(if: ProcessInfo.processInfo.environment["DEV_ONE"] != nil))
struct DevOne {
    @Test func one() throws {
        let path = ProcessInfo.processInfo.environment["DEV_ONE"]!
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        let root = MarkupReader.html(text, url: nil)!
        var stack = [root]
        while let node = stack.popLast() {
            for c in node.children where c.kind == .element {
                let before = c.cleanText.count
                let copy = MarkupNode(kind: .element, name: "x")
                copy.children = [c]
                if before > 300 { print("EL", c.name, c["class"] ?? "", c["id"] ?? "", before) }
                stack.append(c)
            }
        }
        let paragraphs = HTMLContentExtractor.paragraphs(ofPage: root)
        print("PARAS", paragraphs.count, paragraphs.prefix(5))
        let again = MarkupReader.html(text, url: nil)!
        let body = again.descendants { $0.name == "body" }.first!
        var w = HTMLContentExtractor.BlockWriter(strict: false)
        w.write(body)
        print("WHOLE", w.finish().prefix(10))
        if let main = again.descendants(where: { $0.name == "p" && $0.cleanText.count > 100 }).first {
            var n: MarkupNode? = main
            while let x = n { print("UP", x.name, x["class"] ?? "", x.attributes.keys.sorted()); n = x.parent }
        }
    }
}

@Suite(.enabled(if: ProcessInfo.processInfo.environment["DEV_FEEDS"] != nil))
struct DevFeeds {
    @Test func feeds() throws {
        let root = ".build/corpus/feedparser-cases"
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
        var counts: [String: (Int, Int)] = [:]
        var errors = 0
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + file))
            let head = String(decoding: data.prefix(2000), as: UTF8.self)
            var contentType: String?
            for line in head.split(separator: "\n") where line.hasPrefix("Header:") && line.lowercased().contains("content-type:") {
                contentType = String(line.split(separator: ":", maxSplits: 2)[2]).trimmingCharacters(in: .whitespaces)
            }
            let doc = ParseTestSupport.document(Array(data), url: "http://127.0.0.1:8097/" + file, contentType: contentType)
            var drafts: [ArticleDraft] = []
            do { drafts = try DocumentParser().parse(Document(name: file, bytes: doc.bytes, source: doc.source, url: doc.url, contentType: contentType, receivedAt: doc.receivedAt)) } catch { errors += 1; if ProcessInfo.processInfo.environment["SHOWF"] != nil { print("FERR", file, error) } }
            guard let expect = head.split(separator: "\n").first(where: { $0.hasPrefix("Expect:") }) else { continue }
            for (key, field) in [("title", "title"), ("link", "link"), ("author", "author")] {
                let marker = "entries[0]['\(key)'] == '"
                guard let r = expect.range(of: marker) else { continue }
                let value = expect[r.upperBound...].prefix { $0 != "'" }
                let got: String? = field == "title" ? drafts.first?.headline : field == "link" ? drafts.first?.url : drafts.first?.author.first
                var c = counts[key] ?? (0, 0)
                if got == String(value) { c.0 += 1 } else { c.1 += 1; if ProcessInfo.processInfo.environment["SHOWF"] != nil { print("FMISS", file, key, value, "|", got ?? "nil") } }
                counts[key] = c
            }
        }
        print("FEEDS files=\(files.count) errors=\(errors) \(counts)")
        #expect(files.count > 0)
    }
}
