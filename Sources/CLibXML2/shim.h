// libxml2's HTML parser and tree API, as Gleaner's HTML stage uses them.
#include <libxml/xmlversion.h>
// libxml2 built with ICU pulls <unicode/ucnv.h> into encoding.h, whose UErrorCode clashes
// with Foundation's own copy of ICU (_FoundationICU) in the same Swift module. Gleaner never
// touches xmlCharEncodingHandler's fields (the only place the ICU types appear; only pointers
// to it are passed around), so the ICU part of the headers is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
