// JsonObject: the members of a JSON object as key -> minified value text, with the key-level
// updates person and group processing applies ($set, $set_once, $unset, merges). Values are kept
// as the JSON text they arrived in, so numbers and nested values round-trip unchanged.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::analytics {

class JsonObject {
 public:
  using Members = std::map<std::string, std::string, std::less<>>;

  JsonObject() = default;

  // Sets every member of `updates`, overwriting values already present. True if anything
  // changed.
  bool Set(const JsonObject& updates);
  // Sets the members of `updates` whose keys are absent here. True if anything changed.
  bool SetOnce(const JsonObject& updates);
  // Removes the members named `keys`. True if anything changed.
  bool Unset(std::span<const std::string> keys);

  // The value text of member `key` (minified JSON), or null when absent.
  const std::string* Find(std::string_view key) const;
  size_t size() const { return members_.size(); }
  const Members& members() const { return members_; }

  // Minified JSON object text, members in key order (byte-wise).
  std::string Serialize() const;

 private:
  friend class JsonObjectReader;
  Members members_;
};

// Parses JSON object text into JsonObjects, reusing one parser's buffers. Not thread-safe.
class JsonObjectReader {
 public:
  JsonObjectReader();
  ~JsonObjectReader();
  JsonObjectReader(const JsonObjectReader&) = delete;
  JsonObjectReader& operator=(const JsonObjectReader&) = delete;

  // Fails with kInvalidArgument when `text` is not one valid JSON object (whitespace around it is
  // allowed). Keys are unescaped; a key given twice keeps its last value. Nested values are
  // minified.
  Result<JsonObject> Read(std::string_view text);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace larder::analytics
