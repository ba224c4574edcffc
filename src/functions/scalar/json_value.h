// Reading JSON documents for the JSON functions (json.cpp): a reusable simdjson DOM parser with
// its own padded copy buffer, ClickHouse's path rules (keys, or 1-based indexes that count from
// the end when negative) and ClickHouse's compact re-serialization (JSONExtractRaw's text).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace larder::functions {

// One step of a JSON path: an object key, or an index into an array or into an object's members.
struct JsonPathStep {
  std::string_view key;
  int64_t index = 0;
  bool by_index = false;
};

// Parses one document at a time, reusing its buffers (no allocation per document once they
// have grown). Not thread-safe; one per kernel call.
class JsonDocumentParser {
 public:
  // Parses `text`. False when it is not valid JSON (ClickHouse reads such documents as empty).
  // `root` stays valid until the next Parse.
  bool Parse(std::string_view text, simdjson::dom::element* root);

 private:
  simdjson::dom::parser parser_;
  std::vector<char> buffer_;  // The text plus SIMDJSON_PADDING bytes, as simdjson requires.
};

// Follows `steps` from `element`. False when a key or index is missing or a step meets a value
// of the wrong kind.
bool NavigateJson(simdjson::dom::element element, const JsonPathStep* steps, size_t count,
                  simdjson::dom::element* result);

// Appends `element` as ClickHouse's JSONExtractRaw writes it: compact, numbers re-printed
// (doubles in shortest form, 1.0 as 1), strings re-escaped with '/' as '\/'.
void AppendRawJson(simdjson::dom::element element, std::string* out);

// Appends `text` as a quoted JSON string, escaped as ClickHouse's writeJSONString does.
void AppendClickHouseJsonString(std::string_view text, std::string* out);

}  // namespace larder::functions
