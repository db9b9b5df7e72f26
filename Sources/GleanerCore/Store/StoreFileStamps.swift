#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the store knew of its files when it took them into the index, so that a restart from
/// an index snapshot re-reads only what changed since (docs/store.md, "Index snapshot").
/// A stamp is a 64-bit fingerprint of a file's inode number, size, modification and
/// status-change times: `gleanerd` replaces an article file by renaming a new file over it, and
/// the new file has another inode while the old one still exists, so every rewrite changes the
/// stamp whatever the clock does. Owned by `ArticleStore`, kept by position beside its index.
struct StoreFileStamps {
    /// Per article position, the stamp of its file when the index last took it in.
    var articles: [UInt64] = []
    /// Files that exist but could not be read, by id, with their stamps: retried only when
    /// their stamp changes.
    var unreadable: [String: UInt64] = [:]
    /// Per shard directory name, the directory's stamp when the snapshot was made, or
    /// `unsettled` when it changed too recently to be trusted (see `shardStamp`).
    var shards: [String: UInt64] = [:]

    /// The stamp of a shard that must be checked file by file at the next start.
    static let unsettled: UInt64 = 0

    /// How long a directory must have been left alone before its stamp is trusted. A file
    /// system stamps changes with a coarse clock (a few milliseconds): a directory changed in
    /// the same tick as the snapshot could change again within that tick and keep the same
    /// times. A second is far beyond any tick and costs nothing: such a shard is checked file
    /// by file, which reads only the files whose own stamps changed.
    static let settleNanoseconds: Int64 = 1_000_000_000

    mutating func set(_ stamp: UInt64, at position: Int) {
        if position == articles.count {
            articles.append(stamp)
        } else {
            articles[position] = stamp
        }
    }

    /// The fingerprint of a `stat`. Never `unsettled`.
    static func stamp(_ status: stat) -> UInt64 {
        var hash: UInt64 = 0x6a09_e667_f3bc_c908
        for part in [
            UInt64(status.st_ino), UInt64(bitPattern: Int64(status.st_size)),
            UInt64(bitPattern: Int64(status.st_mtim.tv_sec)), UInt64(bitPattern: Int64(status.st_mtim.tv_nsec)),
            UInt64(bitPattern: Int64(status.st_ctim.tv_sec)), UInt64(bitPattern: Int64(status.st_ctim.tv_nsec)),
        ] {
            hash = mix(hash ^ part)
        }
        return hash == unsettled ? 1 : hash
    }

    /// A shard directory's stamp for a snapshot made at `now` (nanoseconds since 1970): its
    /// fingerprint, or `unsettled` when it changed less than `settleNanoseconds` before.
    static func shardStamp(_ status: stat, now: Int64) -> UInt64 {
        now - changed(status) < settleNanoseconds ? unsettled : stamp(status)
    }

    /// When a directory last changed: the later of its modification and status-change times,
    /// in nanoseconds since 1970.
    static func changed(_ status: stat) -> Int64 {
        max(
            Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec))
    }

    /// The real-time clock in nanoseconds since 1970, as file systems stamp files.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// splitmix64's finalizer: every input bit reaches every output bit.
    private static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
