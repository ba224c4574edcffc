// CopyTextDecoder: splits one row of PostgreSQL's COPY ... TO STDOUT text format into its fields,
// undoing the backslash escapes and recognising \N as NULL. Used by the Postgres source's reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::sources {

// The text format (PostgreSQL docs, "COPY", "Text Format"): one line per row, fields separated by
// a tab, `\N` alone for NULL, and inside a field `\b \f \n \r \t \v \\`, `\` + 1-3 octal digits,
// `\x` + 1-2 hex digits for a byte, and `\` before any other character for that character.
//
// A field without a backslash (most of them) is not copied: Field() points into the line.
// Not thread-safe; reuse one decoder for every row of a read so its buffers are recycled.
class CopyTextDecoder {
 public:
  // Decodes `line` (one row, with or without its final "\n"). Fails with kCorruption when the
  // line does not hold `expected_fields` fields.
  Status Decode(std::string_view line, size_t expected_fields);

  size_t size() const { return fields_.size(); }
  bool IsNull(size_t field_idx) const { return nulls_[field_idx] != 0; }
  // The unescaped bytes of a field; empty for NULL. Valid until the next Decode and while the
  // line passed to Decode is.
  std::string_view Field(size_t field_idx) const { return fields_[field_idx]; }

 private:
  // Adds the field line[start, end); `escaped` when it holds a backslash.
  Status AddField(std::string_view line, size_t start, size_t end, bool escaped);

  std::string text_;  // Unescaped fields that had escapes, one after another.
  std::vector<std::string_view> fields_;
  std::vector<uint8_t> nulls_;
};

}  // namespace larder::sources
