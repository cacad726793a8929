#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro that Swift cannot import. Binding text or
/// blobs with it makes SQLite copy the bytes before the call returns, which is
/// required because Swift's temporary buffers are freed right after the call
/// (see SWIFT-ON-LINUX.md §1.3: STATIC silently corrupts values).
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's allocation statistics,
/// which take a process-wide mutex on every malloc and free (Tend never reads them). Only takes
/// effect before SQLite is first initialized; returns SQLITE_MISUSE (harmless) after.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
