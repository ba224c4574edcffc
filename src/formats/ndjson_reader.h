// NdjsonReader: the records of a JSON-lines file (one JSON object per line, parsed with
// simdjson), each as a list of its top-level fields — the first step of importing JSON lines.
// Works on a whole file or on a chunk of one that starts at a line.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::formats {

enum class JsonValueKind : uint8_t {
  kNull,
  kBool,
  kInt64,    // An integer that fits in an int64.
  kFloat64,  // Any other number (including integers beyond the int64 range).
  kString,
  kNested,  // An object or an array.
};

// One top-level field of an object. The views stay valid until the reader's next Next() call.
struct JsonField {
  std::string_view key;  // Unescaped.
  JsonValueKind kind = JsonValueKind::kNull;
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  // The value as text: a string unescaped, a number or boolean as written, an object or array as
  // its JSON text.
  std::string_view text;
  // The value's JSON text (a string with its quotes and escapes).
  std::string_view json;
};

class NdjsonReader {
 public:
  // Reads the lines of `data` that start in [begin, end). `first_line` is the line number of
  // data[begin]; `file_name` is for messages. REQUIRES: begin is at the start of a line; `data`
  // outlives the reader.
  NdjsonReader(std::string_view file_name, std::string_view data, size_t begin, size_t end,
               uint64_t first_line);

  // Reads the next non-blank line, which must hold one JSON object, into `fields`. Returns false
  // at the end or on a bad line; status() tells which.
  bool Next(std::vector<JsonField>* fields);
  // kInvalidArgument "FILE:LINE: …" after Next returned false on bad input; OK otherwise.
  const Status& status() const { return status_; }

  // The line of the record last read.
  uint64_t record_line() const { return record_line_; }
  // Offset just past the last line read (its newline included), and that offset's line number.
  size_t position() const { return record_end_; }
  uint64_t position_line() const { return record_end_line_; }

 private:
  bool Fail(std::string_view message);
  bool FailJson(simdjson::error_code error);
  bool ParseLine(std::string_view line, std::vector<JsonField>* fields);
  bool ReadValue(simdjson::ondemand::value value, JsonField* field);

  std::string_view file_name_;
  std::string_view data_;
  size_t pos_;
  size_t end_;
  uint64_t line_;
  uint64_t record_line_ = 0;
  size_t record_end_;
  uint64_t record_end_line_;
  Status status_;
  simdjson::ondemand::parser parser_;
  // A copy of a line too close to the end of `data` for simdjson's padding.
  simdjson::padded_string padded_line_;
};

}  // namespace larder::formats
