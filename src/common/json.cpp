#include "common/json.h"

#include <cstdio>

namespace larder {

Json& Json::operator[](const std::string& key) {
  return (*std::get<std::shared_ptr<Object>>(value_))[key];
}

void Json::push_back(Json value) {
  std::get<std::shared_ptr<Array>>(value_)->push_back(std::move(value));
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned char>(c));
          out->append(escaped);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void Json::SerializeTo(std::string* out) const {
  switch (value_.index()) {
    case 0:
      out->append("null");
      return;
    case 1:
      out->append(std::get<bool>(value_) ? "true" : "false");
      return;
    case 2:
      out->append(std::to_string(std::get<int64_t>(value_)));
      return;
    case 3: {
      char text[40];
      std::snprintf(text, sizeof(text), "%.17g", std::get<double>(value_));
      out->append(text);
      if (std::string_view(text).find_first_of(".en") == std::string_view::npos) out->append(".0");
      return;
    }
    case 4:
      AppendJsonString(std::get<std::string>(value_), out);
      return;
    case 5: {
      out->push_back('[');
      bool first = true;
      for (const Json& element : *std::get<std::shared_ptr<Array>>(value_)) {
        if (!first) out->push_back(',');
        first = false;
        element.SerializeTo(out);
      }
      out->push_back(']');
      return;
    }
    default: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, element] : *std::get<std::shared_ptr<Object>>(value_)) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(key, out);
        out->push_back(':');
        element.SerializeTo(out);
      }
      out->push_back('}');
    }
  }
}

std::string Json::Serialize() const {
  std::string out;
  SerializeTo(&out);
  return out;
}

}  // namespace larder
