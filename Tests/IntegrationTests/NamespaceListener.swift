import Foundation
import Glibc
import HTTPTestServer

/// A listening socket on 0.0.0.0 inside a test's network namespace, for an `HTTPTestServer` to
/// serve on: a thread of its own joins the namespace (setns(2) moves only the calling thread)
/// and makes the socket there, which stays in that namespace whoever accepts on it later.
enum NamespaceListener {
    static func make(in namespace: TestNetworkNamespace) throws -> Int32 {
        let made = Handoff<Result<Int32, any Error>>()
        let path = namespace.path
        let thread = Thread {
            made.put(Result {
                try joinNetworkNamespace(path)
                return try HTTPTestServer.makeListener(address: "0.0.0.0")
            })
        }
        thread.name = "netns-listener"
        thread.start()
        guard let outcome = made.take(within: 10) else {
            throw TimedOut(what: "a listening socket in namespace \(namespace.name)", after: .seconds(10))
        }
        return try outcome.get()
    }

    /// CLONE_NEWNET from <sched.h>; Swift's Glibc module exports neither it nor setns(2), so
    /// setns is looked up in the C library at run time.
    private static let cloneNewNet: Int32 = 0x4000_0000
    private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32

    /// Moves the calling thread (only it) into the network namespace bound at `path`.
    private static func joinNetworkNamespace(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemCallFailed(operation: "open \(path)", errno: errno) }
        defer { close(descriptor) }
        guard let library = dlopen(nil, RTLD_NOW) else {
            throw SystemCallFailed(operation: "dlopen of the program itself", errno: ENOSYS)
        }
        defer { dlclose(library) }
        guard let symbol = dlsym(library, "setns") else {
            throw SystemCallFailed(operation: "dlsym setns", errno: ENOSYS)
        }
        let setns = unsafeBitCast(symbol, to: SetNamespace.self)
        guard setns(descriptor, cloneNewNet) == 0 else {
            throw SystemCallFailed(operation: "setns \(path)", errno: errno)
        }
    }
}

struct SystemCallFailed: Error, CustomStringConvertible {
    var operation: String
    var errno: Int32
    var description: String { "\(operation): \(String(cString: strerror(errno))) (errno \(errno))" }
}
