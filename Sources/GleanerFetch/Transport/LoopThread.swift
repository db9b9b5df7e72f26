#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dedicated POSIX thread that runs one closure and can be joined. The transfer loop lives
/// on one of these rather than on the Swift cooperative pool, because `curl_multi_poll` blocks.
final class LoopThread: Sendable {
    /// Written once by `pthread_create` before `start` returns and read only by `join`, which the
    /// owner calls once after `start`.
    nonisolated(unsafe) private var thread: pthread_t

    private final class Body {
        let work: @Sendable () -> Void
        init(work: @escaping @Sendable () -> Void) { self.work = work }
    }

    /// Starts the thread; the error is the errno `pthread_create` returned.
    init(_ work: @escaping @Sendable () -> Void) throws(LoopThreadError) {
        let body = Unmanaged.passRetained(Body(work: work)).toOpaque()
        var created = pthread_t()
        let status = pthread_create(&created, nil, { argument in
            guard let argument else { return nil }
            let body = Unmanaged<Body>.fromOpaque(argument).takeRetainedValue()
            body.work()
            return nil
        }, body)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            throw LoopThreadError(errno: status)
        }
        thread = created
    }

    /// Waits for the closure to return.
    func join() {
        _ = pthread_join(thread, nil)
    }
}

/// `pthread_create` failed (EAGAIN: the process is out of threads or memory).
struct LoopThreadError: Error {
    var errno: Int32
}
