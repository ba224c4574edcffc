// Finds where JSON text goes wrong, for error messages: the fast parser (simdjson) says only
// that a document is invalid, this names the byte. Runs on the error path only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace larder::analytics {

struct JsonSyntaxError {
  size_t offset = 0;  // Byte offset of the first byte that cannot be where it is.
  std::string what;   // e.g. "expected ',' or '}' after an object member".
};

// The first syntax error in `text` read as one JSON value (RFC 8259; whitespace around it
// allowed), or nullopt when it has none. Also flags integers outside the 64-bit range, which
// the parser refuses. Any nesting depth is handled without recursion. Does not check UTF-8.
std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view text);

// Offset of the first byte of `text` that does not start or continue a valid UTF-8 sequence
// (overlong forms, surrogates and code points past U+10FFFF are invalid), or nullopt.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

}  // namespace larder::analytics
