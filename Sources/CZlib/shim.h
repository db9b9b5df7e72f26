// zlib, for `.gz` inputs (gzip framing through inflateInit2 with windowBits 16+MAX_WBITS).
#include <zlib.h>
