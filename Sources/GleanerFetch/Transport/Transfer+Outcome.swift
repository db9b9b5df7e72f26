import CCurl
import GleanerCore

/// Turns a finished transfer into a `FetchResponse` or a `FetchError`, keeping libcurl's code,
/// its generic text and the specific text from the error buffer.
extension Transfer {
    func outcome(_ code: CURLcode) -> TransferJob.Outcome {
        guard code == CURLE_OK else { return .failure(error(code)) }
        var status = 0
        _ = gleaner_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var version = 0
        _ = gleaner_curl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        var headerBytes = 0
        _ = gleaner_curl_easy_getinfo_long(easy, CURLINFO_HEADER_SIZE, &headerBytes)
        var bodyBytes: curl_off_t = 0
        _ = gleaner_curl_easy_getinfo_off_t(easy, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes)

        var headers: [String: String] = [:]
        for (name, value) in headerLines {
            if let earlier = headers[name] { headers[name] = earlier + ", " + value } else { headers[name] = value }
        }
        return .success(
            FetchResponse(
                requestedURL: url, finalURL: effectiveURL ?? url, status: status, headers: headers, body: body,
                wireBytes: headerBytes + Int(bodyBytes), httpVersion: Transfer.versionName(version)))
    }

    /// The URL libcurl was at last: the final hop after redirects.
    var effectiveURL: String? {
        var text: UnsafePointer<CChar>?
        guard gleaner_curl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK, let text else {
            return nil
        }
        return String(cString: text)
    }

    private func error(_ code: CURLcode) -> FetchError {
        let curl = CurlError(code: code, operation: "curl", url: nil, detail: errorDetail)
        var curlText = "curl error \(code.rawValue) (\(curl.message))"
        if !curl.detail.isEmpty, curl.detail != curl.message { curlText += ": \(curl.detail)" }
        if let last = effectiveURL, last != url { curlText += "; last URL \(last)" }

        let kind: FetchError.Kind
        var cause: String
        if bodyLimitHit {
            kind = .bodyTooLarge
            cause = "body larger than fetch.maxBodySize (\(maxBodySize) bytes, counted decoded)"
        } else if code == CURLE_FILESIZE_EXCEEDED {
            kind = .bodyTooLarge
            cause = "body announced larger than fetch.maxBodySize (\(maxBodySize) bytes)"
        } else if !refusals.isEmpty, code == CURLE_COULDNT_CONNECT {
            kind = .refusedAddress
            cause = "refused: " + refusals.joined(separator: ", ") + " (fetch.allowPrivateNetworks is off)"
        } else {
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                kind = .timeout
                cause = "timed out"
            case CURLE_TOO_MANY_REDIRECTS:
                kind = .tooManyRedirects
                cause = "too many redirects (more than fetch.maxRedirects)"
            case CURLE_UNSUPPORTED_PROTOCOL:
                kind = .refusedScheme
                cause = "refused: only http and https are fetched, also after redirects"
            default:
                kind = .transport
                cause = "transfer failed"
            }
        }
        return FetchError(kind: kind, url: url, message: "\(cause): \(curlText)", curlCode: Int32(code.rawValue))
    }

    /// CURLINFO_HTTP_VERSION's constant as "1.0", "1.1", "2" or "3".
    private static func versionName(_ version: Int) -> String? {
        switch version {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_1_1: "1.1"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: nil
        }
    }
}
