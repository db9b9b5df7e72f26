#ifndef GLEANER_CCURL_H
#define GLEANER_CCURL_H
// Thin, typed wrappers over libcurl. Swift cannot call the variadic curl_easy_setopt and
// curl_easy_getinfo, so each option Gleaner uses gets one non-variadic function here.
#include <curl/curl.h>
#endif
