import GleanerCore
import Testing

@testable import GleanerFetch

/// The private-network rule on its own: every range the transport refuses, and public
/// addresses it lets through, including IPv6 forms that carry an IPv4 address inside.
@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", AddressRange.loopback), ("127.255.255.254", .loopback), ("::1", .loopback),
        ("10.0.0.1", .private), ("10.255.255.255", .private),
        ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
        ("169.254.0.1", .linkLocal), ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("::", .unspecified),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast), ("ff02::1", .multicast),
        ("240.0.0.1", .reserved), ("255.255.255.255", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .private), ("::ffff:169.254.1.1", .linkLocal),
        ("::127.0.0.1", .loopback), ("64:ff9b::192.168.0.1", .private), ("2002:c0a8:0101::1", .private),
        ("fec0::1", .private),
    ])
    func refusedRanges(_ address: String, _ expected: AddressRange) {
        #expect(AddressPolicy.range(of: address) == expected, "\(address)")
    }

    @Test(arguments: [
        "1.1.1.1", "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "192.167.255.255", "192.169.0.1",
        "100.63.255.255", "100.128.0.1", "169.253.255.255", "169.255.0.1", "11.0.0.1", "126.255.255.255",
        "128.0.0.1", "223.255.255.255", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8",
        "64:ff9b::8.8.8.8", "2002:0808:0808::1", "fbff::1", "fe7f::1",
    ])
    func publicAddresses(_ address: String) {
        #expect(AddressPolicy.range(of: address) == .public, "\(address)")
    }

    @Test func notAnAddress() {
        #expect(AddressPolicy.range(of: "localhost") == nil)
        #expect(AddressPolicy.range(of: "256.1.1.1") == nil)
        #expect(AddressPolicy.range(of: "") == nil)
    }
}

/// The transport's settings as the configuration gives them.
@Suite struct TransportSettingsTests {
    @Test func fromTheFetchSection() {
        let fetch = GleanerConfiguration.Fetch(
            userAgent: "X/1", timeout: .seconds(7), connectTimeout: .seconds(3), maxBodySize: 1000, concurrency: 9,
            perHostConcurrency: 3, maxRedirects: 2, allowPrivateNetworks: true)
        let settings = TransportSettings(fetch)
        #expect(settings.userAgent == "X/1")
        #expect(settings.timeout == .seconds(7) && settings.connectTimeout == .seconds(3))
        #expect(settings.maxBodySize == 1000 && settings.maxRedirects == 2 && settings.allowPrivateNetworks)
        #expect(settings.concurrency == 9 && settings.perHostConcurrency == 3)
        #expect(settings.lowSpeedLimit == 100 && settings.lowSpeedTime == .seconds(20))
        #expect(TransportSettings() == TransportSettings(GleanerConfiguration.Fetch()))
    }

    @Test func durationsForLibcurlRoundUp() {
        #expect(Duration.milliseconds(1500).curlMilliseconds == 1500)
        #expect(Duration.microseconds(1).curlMilliseconds == 1)
        #expect(Duration.zero.curlMilliseconds == 0)
        #expect(Duration.milliseconds(1500).curlSeconds == 2)
        #expect(Duration.milliseconds(10).curlSeconds == 1)
    }
}
