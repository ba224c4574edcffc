// Json: a small JSON value (null, bool, integer, double, string, array, object with keys kept
// sorted) and its compact serialization. Used to emit ASTs, API responses and test output.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace larder {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::map<std::string, Json>;  // Serialized in key order.

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool v) : value_(v) {}
  Json(int v) : value_(static_cast<int64_t>(v)) {}
  Json(int64_t v) : value_(v) {}
  Json(double v) : value_(v) {}
  Json(const char* v) : value_(std::string(v)) {}
  Json(std::string v) : value_(std::move(v)) {}
  Json(std::string_view v) : value_(std::string(v)) {}
  Json(Array v) : value_(std::make_shared<Array>(std::move(v))) {}
  Json(Object v) : value_(std::make_shared<Object>(std::move(v))) {}

  static Json MakeObject() { return Json(Object{}); }
  static Json MakeArray() { return Json(Array{}); }

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  // REQUIRES: an object. Returns the member, creating it (null) when missing.
  Json& operator[](const std::string& key);
  // REQUIRES: an array.
  void push_back(Json value);

  // Compact text: no whitespace; strings escaped as JSON requires (other bytes pass through);
  // doubles as %.17g with ".0" appended when that reads as an integer.
  std::string Serialize() const;
  void SerializeTo(std::string* out) const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<Array>,
               std::shared_ptr<Object>>
      value_;
};

// Appends `text` as a quoted JSON string.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace larder
