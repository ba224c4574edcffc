// Gzip inflation with a cap on the inflated size, for capture bodies sent gzip-compressed
// (Content-Encoding: gzip, compression=gzip / gzip-js, or detected by the gzip magic bytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::analytics {

// True when `data` starts with the gzip magic bytes 1f 8b.
bool HasGzipMagic(std::string_view data);

// Inflates the gzip stream `data` (one member, or several concatenated; bytes after the last
// member that do not start another member are ignored, as gzip readers do). Errors:
//   kInvalidArgument   "the body is not valid gzip: <why>" when it is corrupt or truncated;
//   kResourceExhausted when the inflated bytes would exceed `max_bytes` (the message says the
//                      limit). Inflation stops at the limit: a bomb costs at most max_bytes.
Result<std::string> GunzipCapped(std::string_view data, size_t max_bytes);

}  // namespace larder::analytics
