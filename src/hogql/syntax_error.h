// SyntaxError: what is wrong with a query and where (byte offsets), as PostHog reports it:
// a SyntaxError or NotImplementedError with start and end offsets.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace larder::hogql {

struct SyntaxError {
  enum class Kind { kSyntax, kNotImplemented, kParsing, kQuery };
  Kind kind = Kind::kSyntax;
  std::string message;
  uint32_t start = 0;  // Byte offset of the offending token.
  uint32_t end = 0;    // Byte offset where the problem ends (the query's length when unknown).

  // "SyntaxError" | "NotImplementedError" | "ParsingError" | "QueryError".
  std::string_view TypeName() const;
  // An InvalidArgument status: "<message> at position <start>" (for callers without the text).
  Status ToStatus() const;
};

}  // namespace larder::hogql
