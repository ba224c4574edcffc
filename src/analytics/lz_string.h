// lz-string decompression (the "lz64" capture compression: LZString.compressToBase64 in
// posthog-js), with a cap on the decompressed size.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::analytics {

// Decompresses `base64_text`, the output of LZString.compressToBase64, and returns the text it
// held as UTF-8. Characters outside the base64 alphabet count as zero bits, as lz-string's own
// decoder treats them. Errors:
//   kInvalidArgument   the data is not lz-string output (bad back-reference, ends early, or
//                      decodes to UTF-16 with an unpaired surrogate);
//   kResourceExhausted the decompressed text would exceed `max_bytes` (message says the limit).
Result<std::string> DecompressLzStringBase64(std::string_view base64_text, size_t max_bytes);

}  // namespace larder::analytics
