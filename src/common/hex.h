// Hexadecimal text for bytes (lower case), as stored in text fields: sealed secrets in the
// catalog, sync cursors in commit metadata, digests.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace larder {

// Two lower-case hex digits per byte.
std::string HexEncode(std::string_view bytes);
// The bytes HexEncode made; kCorruption naming `what` for odd lengths or non-hex characters.
Result<std::string> HexDecode(std::string_view hex, std::string_view what);

}  // namespace larder
