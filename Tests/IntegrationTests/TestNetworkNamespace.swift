import Foundation
import Glibc

/// A network namespace a test makes for itself with `ip netns`, holding a loopback and one
/// interface with a public address, so a server in it can be reached at an address the
/// private-network rule allows. Nothing is added to the host's own namespace, and no route leads
/// out of this one: an address of its own interface is delivered locally. Owns the namespace and
/// removes it in `remove()` (call it from a `defer`; `deinit` does it too, as a backstop).
final class TestNetworkNamespace {
    let name: String
    private var removed = false

    /// `ip`, wherever this system keeps it; nil when there is none.
    static let ip: URL? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// True when a test can make namespaces here: it runs as root and `ip netns` answers.
    static var isAvailable: Bool {
        guard geteuid() == 0, let ip else { return false }
        return (try? run(ip, ["netns", "list"]))?.status == 0
    }

    /// The file `ip netns` bind-mounts the namespace on; opening it and calling setns(2) joins it.
    var path: String { "/var/run/netns/\(name)" }

    /// The command prefix that runs a program inside the namespace (`ip netns exec` execs the
    /// program, so it keeps the pid the caller started).
    var launcher: [String] { [Self.ip?.path ?? "ip", "netns", "exec", name] }

    /// Makes `gleaner-test-<random>` with `lo` up and `address`/32 on an interface of its own.
    init(address: String) throws {
        name = "gleaner-test-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try ip("netns", "add", name)
        do {
            try ip("-n", name, "link", "set", "lo", "up")
            // A dummy interface where the kernel has the module; otherwise a veth pair with both
            // ends inside the namespace, which serves the same purpose (an up interface holding
            // the address). Either way the address is local to the namespace.
            if (try? ip("-n", name, "link", "add", "gleaner0", "type", "dummy")) == nil {
                try ip("-n", name, "link", "add", "gleaner0", "type", "veth", "peer", "name", "gleaner1")
                try ip("-n", name, "link", "set", "gleaner1", "up")
            }
            try ip("-n", name, "addr", "add", "\(address)/32", "dev", "gleaner0")
            try ip("-n", name, "link", "set", "gleaner0", "up")
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// Deletes the namespace (its interfaces go with it). Safe to call more than once.
    func remove() {
        guard !removed else { return }
        removed = true
        _ = try? ip("netns", "delete", name)
    }

    private func ip(_ arguments: String...) throws {
        guard let ip = Self.ip else { throw NamespaceCommandFailed(arguments: arguments, result: nil) }
        let result = try run(ip, arguments)
        guard result.status == 0 else { throw NamespaceCommandFailed(arguments: arguments, result: result) }
    }
}

struct NamespaceCommandFailed: Error, CustomStringConvertible {
    var arguments: [String]
    var result: CommandResult?
    var description: String {
        guard let result else { return "ip \(arguments.joined(separator: " ")): no ip command on this system" }
        return "ip \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"
    }
}
