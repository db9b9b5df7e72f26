import Testing
@testable import GleanerCore

/// The notations for durations, sizes and modes.
@Suite struct ConfigurationValuesTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)), ("30s", .seconds(30)), ("15m", .seconds(900)),
        ("1h", .seconds(3600)), ("2d", .seconds(172_800)), ("1h30m", .seconds(5400)), ("0", .zero),
        ("1m500ms", .milliseconds(60_500)),
    ])
    func durationsParse(text: String, expected: Duration) throws {
        #expect(try ConfigurationValues.duration(text).get() == expected)
    }

    @Test(arguments: ["", "10", "1.5s", "5 minutes", "3w", "-1s", "ms", "1h 30m", "99999999999999999d"])
    func badDurationsAreRefused(text: String) {
        #expect(throws: ConfigurationValues.Problem.self) { try ConfigurationValues.duration(text).get() }
    }

    @Test(arguments: [
        ("15MiB", 15 << 20), ("64KiB", 64 << 10), ("1GiB", 1 << 30), ("100B", 100), ("4096", 4096),
        ("2MB", 2_000_000), ("1 MiB", 1 << 20),
    ])
    func sizesParse(text: String, expected: Int) throws {
        #expect(try ConfigurationValues.size(text).get() == expected)
    }

    @Test(arguments: ["", "MiB", "15mib", "1.5MiB", "-1", "12 parsecs", "99999999999TiB"])
    func badSizesAreRefused(text: String) {
        #expect(throws: ConfigurationValues.Problem.self) { try ConfigurationValues.size(text).get() }
    }

    @Test(arguments: [("0660", UInt32(0o660)), ("660", 0o660), ("0o600", 0o600), ("0777", 0o777), ("0", 0)])
    func modesParse(text: String, expected: UInt32) throws {
        #expect(try ConfigurationValues.mode(text).get() == expected)
    }

    @Test(arguments: ["0999", "rw-rw----", "", "04770", "01234567", "0o"])
    func badModesAreRefused(text: String) {
        #expect(throws: ConfigurationValues.Problem.self) { try ConfigurationValues.mode(text).get() }
    }
}
