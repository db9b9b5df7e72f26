import Foundation
import Logging
import Testing
@testable import GleanerDaemon

/// The exact bytes of log lines in each format, with and without journald.
@Suite struct LogLineFormatterTests {
    let time = Date(timeIntervalSince1970: 1_763_858_706.123)  // 2025-11-23T00:45:06.123Z

    @Test func logfmtPutsDataInFieldsAndQuotesOnlyWhatNeedsIt() {
        let line = LogLineFormatter(format: .logfmt, journald: false).line(
            time: time, level: .info, message: "ingested",
            metadata: ["input": "a.txt", "id": "3f2a", "title": "Two words", "empty": "", "count": .stringConvertible(3)])
        #expect(line == "time=2025-11-23T00:45:06.123Z level=info msg=\"ingested\" count=3 empty=\"\" id=3f2a input=a.txt title=\"Two words\"\n")
    }

    @Test func logfmtEscapesQuotesBackslashesAndNewlinesSoALineStaysOneLine() {
        let line = LogLineFormatter(format: .logfmt, journald: false).line(
            time: time, level: .error, message: "bad \"input\"\nsecond line",
            metadata: ["path": "C:\\x", "key with space": "v=1"])
        #expect(line == "time=2025-11-23T00:45:06.123Z level=error msg=\"bad \\\"input\\\"\\nsecond line\" key_with_space=\"v=1\" path=\"C:\\\\x\"\n")
        #expect(line.filter { $0 == "\n" }.count == 1)
    }

    @Test func logfmtFlattensNestedMetadata() {
        let line = LogLineFormatter(format: .logfmt, journald: false).line(
            time: time, level: .debug, message: "m",
            metadata: ["source": ["name": "feed", "kind": "feed"], "tags": ["a", "b"]])
        #expect(line == "time=2025-11-23T00:45:06.123Z level=debug msg=\"m\" source.kind=feed source.name=feed tags=a,b\n")
    }

    @Test func jsonIsOneObjectPerLine() throws {
        let line = LogLineFormatter(format: .json, journald: false).line(
            time: time, level: .warning, message: "slow \"fetch\"",
            metadata: ["url": "https://x.example/", "ms": .stringConvertible(1500), "tags": ["a"]])
        #expect(line == "{\"time\":\"2025-11-23T00:45:06.123Z\",\"level\":\"warning\",\"msg\":\"slow \\\"fetch\\\"\",\"ms\":\"1500\",\"tags\":[\"a\"],\"url\":\"https://x.example/\"}\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "slow \"fetch\"")
    }

    @Test func journaldLinesHaveAPriorityAndNoTime() {
        let logfmt = LogLineFormatter(format: .logfmt, journald: true)
        #expect(logfmt.line(time: time, level: .info, message: "ready", metadata: [:]) == "<6>level=info msg=\"ready\"\n")
        #expect(logfmt.line(time: time, level: .warning, message: "w", metadata: [:]) == "<4>level=warning msg=\"w\"\n")
        #expect(logfmt.line(time: time, level: .error, message: "e", metadata: [:]) == "<3>level=error msg=\"e\"\n")
        #expect(logfmt.line(time: time, level: .debug, message: "d", metadata: [:]) == "<7>level=debug msg=\"d\"\n")
        let json = LogLineFormatter(format: .json, journald: true)
        #expect(json.line(time: time, level: .info, message: "ready", metadata: [:]) == "<6>{\"level\":\"info\",\"msg\":\"ready\"}\n")
    }

    @Test func anErrorIsAField() {
        struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
        let line = LogLineFormatter(format: .logfmt, journald: true).line(
            time: time, level: .error, message: "store write failed", metadata: [:], error: Failure())
        #expect(line == "<3>level=error msg=\"store write failed\" error=\"disk full\"\n")
    }

    @Test func journaldIsDetectedFromTheEnvironment() {
        #expect(LoggingSetup.isJournald(environment: ["JOURNAL_STREAM": "8:12345"]))
        #expect(!LoggingSetup.isJournald(environment: [:]))
    }
}
