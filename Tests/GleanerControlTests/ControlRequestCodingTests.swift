import Foundation
import GleanerControl
import GleanerCore
import Testing

@Suite("Control request coding")
struct ControlRequestCodingTests {
    static let since = Date(timeIntervalSince1970: 1_795_000_000)

    static let everyRequest: [ControlRequest] = [
        .status,
        .list(ListQuery()),
        .list(ListQuery(since: since, limit: 5, source: "example-feed")),
        .show(id: "a1", version: nil),
        .show(id: "a1", version: 2),
        .export(since: nil),
        .export(since: since),
        .sources,
        .fetch(sources: []),
        .fetch(sources: ["one", "two"]),
        .reload,
        .history(id: "a1"),
        .diff(id: "a1", from: nil, to: nil),
        .diff(id: "a1", from: 1, to: 3),
    ]

    @Test("every request survives its wire form", arguments: everyRequest)
    func roundTrip(request: ControlRequest) throws {
        let line = try request.encodedLine()
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        #expect(try ControlRequest.decode(line: line.dropLast()) == request)
    }

    @Test("the wire form names the protocol, the command and the arguments")
    func wireForm() throws {
        let line = try ControlRequest.list(ListQuery(since: Self.since, limit: 3)).encodedLine()
        let text = String(decoding: line, as: UTF8.self)
        #expect(text == #"{"args":{"limit":3,"since":"2026-11-18T11:06:40Z"},"command":"list","protocol":1}"# + "\n")
        let status = String(decoding: try ControlRequest.status.encodedLine(), as: UTF8.self)
        #expect(status == #"{"args":{},"command":"status","protocol":1}"# + "\n")
    }

    @Test("a request without args is read as one with none")
    func missingArgs() throws {
        #expect(try ControlRequest.decode(line: Array(#"{"protocol":1,"command":"status"}"#.utf8)) == .status)
    }

    @Test("another protocol version is refused with the incompatibility message")
    func versionMismatch() {
        let line = Array(#"{"protocol":2,"command":"status","args":{},"future":true}"#.utf8)
        #expect(throws: ControlFailure(
            .incompatibleProtocol, "incompatible gleanerctl and gleanerd (gleanerctl speaks protocol 2, gleanerd 1)")
        ) {
            try ControlRequest.decode(line: line)
        }
        #expect(ControlProtocol.incompatibilityMessage(client: 1, server: 3)
            == "incompatible gleanerctl and gleanerd (gleanerctl speaks protocol 1, gleanerd 3)")
    }

    @Test("bad lines get stable codes", arguments: [
        ("not json", ControlErrorCode.malformedRequest),
        ("[1,2]", .malformedRequest),
        (#"{"command":"status"}"#, .malformedRequest),
        (#"{"protocol":"1","command":"status"}"#, .malformedRequest),
        (#"{"protocol":1,"command":"explode"}"#, .unknownCommand),
        (#"{"protocol":1}"#, .invalidArgument),
        (#"{"protocol":1,"command":"show","args":{}}"#, .invalidArgument),
        (#"{"protocol":1,"command":"show","args":{"id":""}}"#, .invalidArgument),
        (#"{"protocol":1,"command":"show","args":{"id":"a","version":0}}"#, .invalidArgument),
        (#"{"protocol":1,"command":"list","args":{"limit":-1}}"#, .invalidArgument),
        (#"{"protocol":1,"command":"list","args":{"limit":"ten"}}"#, .invalidArgument),
        (#"{"protocol":1,"command":"export","args":{"since":"yesterday"}}"#, .invalidArgument),
    ])
    func badLines(line: String, code: ControlErrorCode) {
        do {
            let request = try ControlRequest.decode(line: Array(line.utf8))
            Issue.record("\(line) was accepted as \(request)")
        } catch {
            #expect(error.code == code, "\(line): \(error.message)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("an unknown command is named in the answer")
    func unknownCommandNamed() {
        #expect {
            try ControlRequest.decode(line: Array(#"{"protocol":1,"command":"explode"}"#.utf8))
        } throws: { error in
            (error as? ControlFailure)?.message.hasPrefix(#"unknown command "explode""#) == true
        }
    }
}
