import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libcurl callbacks of a transfer. They are C function pointers, so they capture nothing
/// and find their `Transfer` through the userdata pointer set beside them.
extension Transfer {
    /// Body bytes, already decoded by libcurl (gzip, deflate, br, zstd). Counting here is what
    /// stops a gzip bomb or an endless chunked body: returning less than was offered makes
    /// libcurl abort with CURLE_WRITE_ERROR, which `outcome` reports as `bodyTooLarge`.
    static let onBody: curl_write_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        guard length > 0, let data else { return length }
        guard transfer.body.count + length <= transfer.maxBodySize else {
            transfer.bodyLimitHit = true
            return 0
        }
        transfer.reserve(for: length)
        data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        }
        return length
    }

    /// Grows the buffer by doubling, as arrays do, but never past the body limit, so a body near
    /// the limit cannot make the buffer twice the limit. The first piece reserves what the
    /// server announced (`Content-Length`, at most the limit: a larger announcement has already
    /// failed the transfer through `CURLOPT_MAXFILESIZE_LARGE`), so an ordinary body is copied
    /// once instead of through a chain of doublings.
    private func reserve(for length: Int) {
        let needed = body.count + length
        guard needed > body.capacity else { return }
        var announced: curl_off_t = -1
        if body.capacity == 0, gleaner_curl_easy_getinfo_off_t(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK {
            body.reserveCapacity(min(maxBodySize, max(needed, Int(clamping: announced))))
            if needed <= body.capacity { return }
        }
        body.reserveCapacity(min(maxBodySize, max(needed, body.capacity * 2, 16 * 1024)))
    }

    /// One header line at a time, status lines included. A new status line starts a new
    /// response (after a redirect or a 100 Continue), so the earlier headers are dropped.
    /// Works on the bytes (this runs for every header line of every transfer); only a name or an
    /// edge of a value outside ASCII goes through the Unicode-aware `String` functions.
    static let onHeader: curl_write_callback = { data, size, count, userdata in
        let length = size * count
        guard let userdata, let data, length > 0 else { return length }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let line = UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: length)
        if line.starts(with: "HTTP/".utf8) {
            transfer.headerLines.removeAll(keepingCapacity: true)
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = HeaderBytes.name(UnsafeRawBufferPointer(rebasing: line[..<colon]))
            let value = HeaderBytes.value(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
            if !name.isEmpty { transfer.headerLines.append((name, value)) }
        }
        return length
    }

    /// Every connection libcurl opens comes through here with the address it resolved, after
    /// redirects and whatever DNS answered, which makes it the one place the private-network rule
    /// cannot be got round. A refused address returns CURL_SOCKET_BAD, which libcurl reports as
    /// a failed connect (it then tries the host's next address, if any).
    static let onOpenSocket: curl_opensocket_callback = { userdata, purpose, address in
        guard let address else { return CURL_SOCKET_BAD }
        if let userdata, purpose == CURLSOCKTYPE_IPCXN {
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
            if !transfer.allowPrivateNetworks {
                let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
                let socketAddress = UnsafeRawPointer(address) + offset
                guard let (range, text) = AddressPolicy.classify(socketAddress) else {
                    transfer.refusals.append("address family \(address.pointee.family) is not IPv4 or IPv6")
                    return CURL_SOCKET_BAD
                }
                if range != .public {
                    let reason = "\(text) is \(range.phrase)"
                    if !transfer.refusals.contains(reason) { transfer.refusals.append(reason) }
                    return CURL_SOCKET_BAD
                }
            }
        }
        // Close-on-exec, so a helper process the daemon starts never inherits a connection.
        let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(address.pointee.family, type, address.pointee.protocol)
        return descriptor < 0 ? CURL_SOCKET_BAD : descriptor
    }
}
