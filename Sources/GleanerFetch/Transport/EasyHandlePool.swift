import CCurl

/// The easy handles of finished transfers, kept for the next ones so a busy loop does not
/// allocate and set up a new handle (libcurl's per-handle state, buffers and caches) for every
/// fetch. A handle comes back reset with `curl_easy_reset`: every option returns to its default,
/// so each `Transfer` sets all of its options, safety rules included, as on a new handle.
///
/// Owned by the `TransferRunner` and used on the loop thread only. Keeps at most `limit` idle
/// handles (the concurrency limit: more can never run at once) and frees the rest.
final class EasyHandlePool {
    private var idle: [UnsafeMutableRawPointer] = []
    var limit = 0 {
        didSet { trim() }
    }

    /// An idle handle, or a new one; nil when libcurl cannot allocate one.
    func take() -> UnsafeMutableRawPointer? {
        idle.popLast() ?? curl_easy_init()
    }

    /// Takes back a handle that is no longer attached to the multi handle.
    func give(_ easy: UnsafeMutableRawPointer) {
        guard idle.count < limit else {
            curl_easy_cleanup(easy)
            return
        }
        curl_easy_reset(easy)
        idle.append(easy)
    }

    /// Frees every idle handle (at shutdown).
    func drain() {
        for easy in idle { curl_easy_cleanup(easy) }
        idle.removeAll()
    }

    private func trim() {
        while idle.count > max(0, limit), let easy = idle.popLast() { curl_easy_cleanup(easy) }
    }

    deinit {
        drain()
    }
}
