#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of network an IP address belongs to, as far as the private-network rule cares.
/// Anything but `.public` is refused while `allowPrivateNetworks` is off.
public enum AddressRange: String, Sendable, Hashable {
    case `public`
    case unspecified  // 0.0.0.0/8, ::
    case loopback  // 127/8, ::1
    case `private`  // 10/8, 172.16/12, 192.168/16
    case sharedAddressSpace  // 100.64/10, carrier-grade NAT
    case linkLocal  // 169.254/16, fe80::/10
    case uniqueLocal  // fc00::/7
    case multicast  // 224/4, ff00::/8
    case reserved  // 240/4 and 255.255.255.255

    /// How the refusal message names the range: "a loopback address".
    public var phrase: String {
        switch self {
        case .public: "a public address"
        case .unspecified: "an unspecified address"
        case .loopback: "a loopback address"
        case .private: "a private address"
        case .sharedAddressSpace: "a shared (carrier-grade NAT) address"
        case .linkLocal: "a link-local address"
        case .uniqueLocal: "a unique-local address"
        case .multicast: "a multicast address"
        case .reserved: "a reserved address"
        }
    }
}

/// Classifies IP addresses for the private-network rule. Pure functions on address bytes, so the
/// rule can be tested exhaustively without a network; the transport calls it from libcurl's
/// open-socket callback with the address libcurl resolved and is about to connect to.
public enum AddressPolicy {
    /// The range of an IPv4 address given as its four bytes in network order.
    public static func range(ipv4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> AddressRange {
        switch (a, b) {
        case (0, _): return .unspecified
        case (10, _): return .private
        case (100, 64...127): return .sharedAddressSpace
        case (127, _): return .loopback
        case (169, 254): return .linkLocal
        case (172, 16...31): return .private
        case (192, 168): return .private
        case (224...239, _): return .multicast
        case (240...255, _): return .reserved
        default: return .public
        }
    }

    /// The range of an IPv6 address given as its sixteen bytes. Addresses that embed an IPv4
    /// address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`,
    /// 6to4 `2002::/16`) are judged by the IPv4 address inside, because that is where the
    /// packets end up.
    public static func range(ipv6 bytes: [UInt8]) -> AddressRange {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        let first10Zero = bytes[0..<10].allSatisfy { $0 == 0 }
        if first10Zero && bytes[10] == 0xff && bytes[11] == 0xff {
            return range(ipv4: bytes[12], bytes[13], bytes[14], bytes[15])
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? .loopback : (bytes[15] == 0 ? .unspecified : .reserved)
        }
        if first10Zero && bytes[10] == 0 && bytes[11] == 0 {
            return range(ipv4: bytes[12], bytes[13], bytes[14], bytes[15])
        }
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b
            && bytes[4..<12].allSatisfy({ $0 == 0 })
        {
            return range(ipv4: bytes[12], bytes[13], bytes[14], bytes[15])
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            return range(ipv4: bytes[2], bytes[3], bytes[4], bytes[5])
        }
        if bytes[0] == 0xff { return .multicast }
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return .linkLocal }
        if bytes[0] & 0xfe == 0xfc { return .uniqueLocal }
        // fec0::/10, the deprecated site-local range, is private in all but name.
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0xc0 { return .private }
        return .public
    }

    /// The range of an address written as text ("10.1.2.3", "::ffff:127.0.0.1"); nil when the
    /// text is not an IP address.
    public static func range(of text: String) -> AddressRange? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return range(ipv4: bytes[0], bytes[1], bytes[2], bytes[3])
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return range(ipv6: withUnsafeBytes(of: &v6) { Array($0) })
        }
        return nil
    }

    /// The range and printable form of a socket address; nil for families other than IPv4/IPv6.
    static func classify(_ address: UnsafeRawPointer) -> (range: AddressRange, text: String)? {
        let family = address.load(as: sockaddr.self).sa_family
        switch Int32(family) {
        case AF_INET:
            var v4 = address.loadUnaligned(as: sockaddr_in.self).sin_addr
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return (range(ipv4: bytes[0], bytes[1], bytes[2], bytes[3]), text(family: AF_INET, bytes))
        case AF_INET6:
            var v6 = address.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return (range(ipv6: bytes), text(family: AF_INET6, bytes))
        default:
            return nil
        }
    }

    /// The printable form of an address given as its bytes in network order.
    private static func text(family: Int32, _ address: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written = address.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
