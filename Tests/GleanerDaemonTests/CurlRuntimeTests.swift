import CCurl
import Testing
@testable import GleanerFetch

/// The linked libcurl initializes once and describes itself.
@Suite struct CurlRuntimeTests {
    @Test func initializesAndReportsItsVersionAndFeatures() throws {
        try CurlRuntime.initialize()
        try CurlRuntime.initialize()  // idempotent
        #expect(CurlRuntime.version.hasPrefix("libcurl/\(CurlRuntime.versionNumber)"))
        #expect(CurlRuntime.features.contains("libz"))
        #expect(CurlRuntime.features.contains("IPv6"))
        #expect(CurlRuntime.protocols.contains("http"))
        #expect(CurlRuntime.protocols.contains("https"))
    }

    @Test func aCurlErrorKeepsTheCodeAndBothTexts() {
        let error = CurlError(
            code: CURLE_OPERATION_TIMEDOUT, operation: "curl_easy_perform", url: "https://example.org/",
            detail: "Operation timed out after 30001 milliseconds with 0 bytes received")
        #expect(error.message == "Timeout was reached")
        #expect(
            error.description
                == "curl_easy_perform https://example.org/: curl error 28 (Timeout was reached): Operation timed out after 30001 milliseconds with 0 bytes received"
        )
    }
}
