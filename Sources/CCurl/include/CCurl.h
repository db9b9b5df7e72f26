#ifndef GLEANER_CCURL_H
#define GLEANER_CCURL_H
// Thin, typed wrappers over libcurl for Swift. No logic lives here: each function forwards to
// exactly one libcurl call.
//
// Why this file exists at all: curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are
// variadic C functions, and Swift cannot call variadic C functions. libcurl reads the variadic
// argument with the type the option implies (long, pointer, curl_off_t, function pointer), so
// each wrapper below fixes that type in its signature; passing the wrong type would be undefined
// behaviour in C and is a compile error here instead. A few macros that Swift does not import
// (CURLVERSION_NOW, CURL_GLOBAL_ALL) get a function too.
#include <curl/curl.h>

// MARK: Global state and version
// curl_global_init takes a flag macro (CURL_GLOBAL_ALL, an expression Swift does not import).
CURLcode gleaner_curl_global_init_all(void);
// curl_version_info needs CURLVERSION_NOW, a macro naming the header's own struct version, so
// the answer matches the struct layout Swift was compiled against.
const curl_version_info_data *gleaner_curl_version_info(void);

// MARK: curl_easy_setopt by argument type (variadic in C)
// Options taking a long: timeouts, limits, flags (CURLOPT_TIMEOUT_MS, CURLOPT_MAXREDIRS, ...).
CURLcode gleaner_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
// Options taking a C string that libcurl copies (CURLOPT_URL, CURLOPT_USERAGENT, ...).
CURLcode gleaner_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
// Options taking a data pointer that must outlive the transfer (CURLOPT_WRITEDATA,
// CURLOPT_HTTPHEADER's curl_slist, CURLOPT_ERRORBUFFER, CURLOPT_PRIVATE, ...).
CURLcode gleaner_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
// Options taking a curl_off_t (CURLOPT_MAXFILESIZE_LARGE, CURLOPT_TIMEVALUE_LARGE, ...).
CURLcode gleaner_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

// MARK: curl_easy_setopt for callbacks (one per option: the function type is the option's)
// Body bytes: the body limit counts decoded bytes here.
CURLcode gleaner_curl_easy_setopt_write_function(CURL *handle, curl_write_callback callback);
// Each response header line (ETag, Last-Modified, Cache-Control, Retry-After).
CURLcode gleaner_curl_easy_setopt_header_function(CURL *handle, curl_write_callback callback);
// Progress; returning non-zero aborts the transfer (used for cancellation).
CURLcode gleaner_curl_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);
// Socket creation, which sees the resolved address before connecting: the private-network check.
CURLcode gleaner_curl_easy_setopt_opensocket_function(CURL *handle, curl_opensocket_callback callback);
// The counterpart of opensocket, so sockets opened by the callback are closed by it too.
CURLcode gleaner_curl_easy_setopt_closesocket_function(CURL *handle, curl_closesocket_callback callback);
// Socket options after creation (for example close-on-exec, keepalive).
CURLcode gleaner_curl_easy_setopt_sockopt_function(CURL *handle, curl_sockopt_callback callback);

// MARK: curl_easy_getinfo by result type (variadic in C)
CURLcode gleaner_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode gleaner_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode gleaner_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
// The string stays owned by the handle; copy it before the handle is reset or cleaned up.
CURLcode gleaner_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
// CURLINFO_PRIVATE hands back the pointer given to CURLOPT_PRIVATE.
CURLcode gleaner_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

// MARK: curl_multi_setopt by argument type (variadic in C)
CURLMcode gleaner_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
CURLMcode gleaner_curl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value);
CURLMcode gleaner_curl_multi_setopt_socket_function(CURLM *multi, curl_socket_callback callback);
CURLMcode gleaner_curl_multi_setopt_timer_function(CURLM *multi, curl_multi_timer_callback callback);

#endif
