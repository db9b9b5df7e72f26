import Dispatch
import Foundation

/// The process signals gleanerd acts on (SIGTERM, SIGINT: stop; SIGHUP: reload), delivered as
/// an `AsyncStream` so the daemon can `for await signal in events`.
///
/// Each signal's default action is replaced by "ignore" first, so that a signal arriving while
/// nothing listens cannot kill the process, then a DispatchSource listens for it. The sources
/// live as long as the stream; when the stream ends they are cancelled, but the signals stay
/// ignored (restoring the default then would let a late signal kill a process that is shutting
/// down cleanly, and would race with another listener for the same signal).
///
/// Iterate it from one task only (it is an `AsyncStream`); make one `SignalEvents` per process.
public struct SignalEvents: AsyncSequence, Sendable {
    public typealias Element = Int32

    public let stream: AsyncStream<Int32>
    public let signals: [Int32]

    public init(signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]) {
        self.signals = signals
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(16))
        let queue = DispatchQueue(label: "gleaner.signals")
        let sources = SignalSources(
            signals.map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            })
        continuation.onTermination = { _ in sources.cancel() }
        self.stream = stream
    }

    public func makeAsyncIterator() -> AsyncStream<Int32>.Iterator {
        stream.makeAsyncIterator()
    }

    /// `SIGHUP` → "SIGHUP", for logs.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        case SIGUSR1: return "SIGUSR1"
        case SIGUSR2: return "SIGUSR2"
        default: return "signal \(signal)"
        }
    }
}

/// Keeps the dispatch sources alive for the stream's lifetime and cancels them when it ends.
/// `@unchecked Sendable` because DispatchSource is not marked Sendable, yet it is thread-safe:
/// after creation the array is only read, and `cancel()` may be called from any thread.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
