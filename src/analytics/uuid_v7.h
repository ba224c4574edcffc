// Time-ordered UUIDs (version 7, RFC 9562) for events captured without a uuid: 48 bits of Unix
// milliseconds, then the version, then 74 random bits.
#pragma once

#include <cstdint>

#include "types/logical_type.h"

namespace larder::analytics {

// A UUIDv7 for the instant `unix_millis` (times before 1970 count as 1970). UUIDs made for later
// milliseconds sort after earlier ones. Thread-safe: each thread draws its random bits from its
// own generator, seeded from the operating system's entropy source.
Uuid128 NewUuidV7(int64_t unix_millis);

}  // namespace larder::analytics
