#include <zstd.h>
/* For ZDICT_trainFromBuffer_fastCover with fixed parameters (4x faster than ZDICT_trainFromBuffer,
   which searches parameters); Debian builds and runs against the same libzstd. */
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
