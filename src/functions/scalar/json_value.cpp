#include "functions/scalar/json_value.h"

#include <algorithm>
#include <cstring>

#include "functions/scalar/value_text.h"

namespace larder::functions {

bool JsonDocumentParser::Parse(std::string_view text, simdjson::dom::element* root) {
  const size_t needed = text.size() + simdjson::SIMDJSON_PADDING;
  if (buffer_.size() < needed) buffer_.resize(std::max(needed, buffer_.size() * 2));
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), ' ', simdjson::SIMDJSON_PADDING);
  if (text.size() > parser_.capacity()) {
    // Grow geometrically so that documents of rising sizes do not reallocate every time.
    size_t capacity = std::max({text.size(), parser_.capacity() * 2, size_t{4096}});
    if (parser_.allocate(capacity) != simdjson::SUCCESS) return false;
  }
  return parser_.parse(buffer_.data(), text.size(), false).get(*root) == simdjson::SUCCESS;
}

namespace {

// The 0-based position a ClickHouse index (1-based, negative from the end) names in `size`
// items, or false.
bool ResolveIndex(int64_t index, size_t size, size_t* position) {
  if (index > 0 && static_cast<uint64_t>(index) <= size) {
    *position = static_cast<size_t>(index - 1);
    return true;
  }
  if (index < 0 && static_cast<uint64_t>(-(index + 1)) < size) {
    *position = size - static_cast<size_t>(-(index + 1)) - 1;
    return true;
  }
  return false;
}

}  // namespace

bool NavigateJson(simdjson::dom::element element, const JsonPathStep* steps, size_t count,
                  simdjson::dom::element* result) {
  for (size_t i = 0; i < count; ++i) {
    const JsonPathStep& step = steps[i];
    simdjson::dom::object object;
    simdjson::dom::array array;
    if (!step.by_index) {
      if (element.get_object().get(object) != simdjson::SUCCESS) return false;
      if (object.at_key(step.key).get(element) != simdjson::SUCCESS) return false;
      continue;
    }
    size_t position = 0;
    if (element.get_array().get(array) == simdjson::SUCCESS) {
      if (!ResolveIndex(step.index, array.size(), &position)) return false;
      if (array.at(position).get(element) != simdjson::SUCCESS) return false;
      continue;
    }
    if (element.get_object().get(object) != simdjson::SUCCESS) return false;
    if (!ResolveIndex(step.index, object.size(), &position)) return false;
    auto member = object.begin();
    for (size_t skip = 0; skip < position; ++skip) ++member;
    element = member.value();
  }
  *result = element;
  return true;
}

void AppendClickHouseJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '"':
        out->append("\\\"");
        continue;
      case '\\':
        out->append("\\\\");
        continue;
      case '/':
        out->append("\\/");
        continue;
      case '\b':
        out->append("\\b");
        continue;
      case '\f':
        out->append("\\f");
        continue;
      case '\n':
        out->append("\\n");
        continue;
      case '\r':
        out->append("\\r");
        continue;
      case '\t':
        out->append("\\t");
        continue;
      default:
        break;
    }
    uint8_t byte = static_cast<uint8_t>(c);
    if (byte <= 0x1F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out->append("\\u00");
      out->push_back(kHex[byte >> 4]);
      out->push_back(kHex[byte & 15]);
    } else if (byte == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      // U+2028 and U+2029, which JavaScript string literals may not hold.
      out->append(text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void AppendRawJson(simdjson::dom::element element, std::string* out) {
  switch (element.type()) {
    case simdjson::dom::element_type::INT64:
      out->append(std::to_string(element.get_int64().value_unsafe()));
      return;
    case simdjson::dom::element_type::UINT64:
      out->append(std::to_string(element.get_uint64().value_unsafe()));
      return;
    case simdjson::dom::element_type::DOUBLE:
      AppendFloatText(element.get_double().value_unsafe(), out);
      return;
    case simdjson::dom::element_type::BOOL:
      out->append(element.get_bool().value_unsafe() ? "true" : "false");
      return;
    case simdjson::dom::element_type::NULL_VALUE:
      out->append("null");
      return;
    case simdjson::dom::element_type::STRING:
      AppendClickHouseJsonString(element.get_string().value_unsafe(), out);
      return;
    case simdjson::dom::element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      simdjson::dom::array array = element.get_array().value_unsafe();
      for (simdjson::dom::element item : array) {
        if (!first) out->push_back(',');
        first = false;
        AppendRawJson(item, out);
      }
      out->push_back(']');
      return;
    }
    case simdjson::dom::element_type::OBJECT: {
      out->push_back('{');
      bool first = true;
      simdjson::dom::object object = element.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : object) {
        if (!first) out->push_back(',');
        first = false;
        AppendClickHouseJsonString(field.key, out);
        out->push_back(':');
        AppendRawJson(field.value, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace larder::functions
