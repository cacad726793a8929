#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro that Swift cannot import. Binding text or
/// blobs with it makes SQLite copy the bytes before the call returns, which is
/// required because Swift's temporary buffers are freed right after the call
/// (see SWIFT-ON-LINUX.md §1.3: STATIC silently corrupts values).
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
