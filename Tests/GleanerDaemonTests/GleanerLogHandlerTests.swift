import Foundation
import Logging
import Testing
@testable import GleanerDaemon

/// The handler writes whole lines to its descriptor, merging logger and call metadata.
@Suite struct GleanerLogHandlerTests {
    @Test func writesOneLinePerEventToItsDescriptor() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let handler = GleanerLogHandler(
            label: "test", formatter: LogLineFormatter(format: .logfmt, journald: true), level: .info,
            writer: LogLineWriter(fileDescriptor: fds[1]))
        var logger = Logger(label: "test", factory: { _ in handler })
        logger[metadataKey: "service"] = "inbox"
        logger.info("ingested", metadata: ["input": "a.txt"])
        logger.debug("not shown at info level")
        logger.warning("skipped", metadata: ["input": ".hidden"])
        close(fds[1])

        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        #expect(String(decoding: output, as: UTF8.self) == """
            <6>level=info msg="ingested" input=a.txt service=inbox
            <4>level=warning msg="skipped" input=.hidden service=inbox

            """)
    }

    @Test func concurrentLoggersNeverInterleaveLines() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writer = LogLineWriter(fileDescriptor: fds[1])
        let readEnd = fds[0]
        // Read concurrently so the pipe never fills up and blocks the writers.
        let reader = Task.detached { () -> String in
            var output = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count <= 0 { break }
                output.append(contentsOf: buffer[0..<count])
            }
            close(readEnd)
            return String(decoding: output, as: UTF8.self)
        }
        let payload = String(repeating: "x", count: 200)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let handler = GleanerLogHandler(
                        label: "t", formatter: LogLineFormatter(format: .json, journald: false), writer: writer)
                    let logger = Logger(label: "t", factory: { _ in handler })
                    for index in 0..<200 {
                        logger.info("line", metadata: ["task": "\(task)", "index": "\(index)", "payload": "\(payload)"])
                    }
                }
            }
        }
        close(fds[1])
        let lines = await reader.value.split(separator: "\n")
        #expect(lines.count == 1600)
        for line in lines {
            #expect(line.hasPrefix("{\"time\":") && line.hasSuffix("\"}"))
        }
    }
}
