#include "analytics/json_object_merge.h"

#include <simdjson.h>

#include "common/json.h"

namespace larder::analytics {
namespace {

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

Status JsonError(simdjson::error_code error) {
  return InvalidArgument("invalid JSON object: {}", simdjson::error_message(error));
}

}  // namespace

bool JsonObject::Set(const JsonObject& updates) {
  bool changed = false;
  for (const auto& [key, value] : updates.members_) {
    auto [it, inserted] = members_.try_emplace(key, value);
    if (inserted) {
      changed = true;
    } else if (it->second != value) {
      it->second = value;
      changed = true;
    }
  }
  return changed;
}

bool JsonObject::SetOnce(const JsonObject& updates) {
  bool changed = false;
  for (const auto& [key, value] : updates.members_) {
    changed = members_.try_emplace(key, value).second || changed;
  }
  return changed;
}

bool JsonObject::Unset(std::span<const std::string> keys) {
  bool changed = false;
  for (const std::string& key : keys) changed = members_.erase(key) > 0 || changed;
  return changed;
}

const std::string* JsonObject::Find(std::string_view key) const {
  auto it = members_.find(key);
  return it == members_.end() ? nullptr : &it->second;
}

std::string JsonObject::Serialize() const {
  std::string out = "{";
  for (const auto& [key, value] : members_) {
    if (out.size() > 1) out += ',';
    AppendJsonString(key, &out);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

struct JsonObjectReader::State {
  simdjson::ondemand::parser parser;
  simdjson::dom::parser validator;  // Checks nested values, which the on-demand pass skips over.
  std::string padded;               // The text being read, followed by SIMDJSON_PADDING bytes.
  std::string minified;

  // The minified text of the value `value`, checked to be valid JSON.
  Result<std::string> ReadValue(simdjson::ondemand::value value);
  Result<std::string> ReadNested(std::string_view raw);
};

Result<std::string> JsonObjectReader::State::ReadNested(std::string_view raw) {
  raw = TrimRight(raw);
  simdjson::dom::element ignored;
  if (auto error = validator.parse(raw.data(), raw.size()).get(ignored)) return JsonError(error);
  minified.resize(raw.size());
  size_t minified_size = 0;
  if (auto error = simdjson::minify(raw.data(), raw.size(), minified.data(), minified_size)) {
    return JsonError(error);
  }
  return minified.substr(0, minified_size);
}

Result<std::string> JsonObjectReader::State::ReadValue(simdjson::ondemand::value value) {
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return JsonError(error);
  std::string_view raw;
  simdjson::error_code error = simdjson::SUCCESS;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (!(error = value.get_object().get(object))) error = object.raw_json().get(raw);
      if (error) return JsonError(error);
      return ReadNested(raw);
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (!(error = value.get_array().get(array))) error = array.raw_json().get(raw);
      if (error) return JsonError(error);
      return ReadNested(raw);
    }
    case simdjson::ondemand::json_type::string: {
      raw = TrimRight(value.raw_json_token());
      std::string_view unescaped;
      error = value.get_string().get(unescaped);
      break;
    }
    case simdjson::ondemand::json_type::number: {
      raw = TrimRight(value.raw_json_token());
      double number;  // Any valid JSON number reads as a double, however many digits it has.
      error = value.get_double().get(number);
      break;
    }
    case simdjson::ondemand::json_type::boolean: {
      raw = TrimRight(value.raw_json_token());
      bool flag;
      error = value.get_bool().get(flag);
      break;
    }
    case simdjson::ondemand::json_type::null: {
      raw = TrimRight(value.raw_json_token());
      bool is_null = false;
      error = value.is_null().get(is_null);
      if (!error && !is_null) error = simdjson::N_ATOM_ERROR;
      break;
    }
  }
  if (error) return JsonError(error);
  return std::string(raw);
}

JsonObjectReader::JsonObjectReader() : state_(std::make_unique<State>()) {}

JsonObjectReader::~JsonObjectReader() = default;

Result<JsonObject> JsonObjectReader::Read(std::string_view text) {
  State& state = *state_;
  state.padded.assign(text);
  state.padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  simdjson::ondemand::document document;
  if (auto error = state.parser.iterate(state.padded.data(), text.size(), state.padded.size())
                       .get(document)) {
    return JsonError(error);
  }
  simdjson::ondemand::object object;
  if (auto error = document.get_object().get(object)) return JsonError(error);
  JsonObject result;
  for (auto member : object) {
    simdjson::ondemand::field field;
    if (auto error = std::move(member).get(field)) return JsonError(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return JsonError(error);
    std::string owned_key(key);  // The next unescape reuses the parser's string buffer.
    LARDER_ASSIGN_OR_RETURN(std::string value, state.ReadValue(field.value()));
    result.members_.insert_or_assign(std::move(owned_key), std::move(value));
  }
  const char* trailing;
  if (document.current_location().get(trailing) == simdjson::SUCCESS) {
    return InvalidArgument("invalid JSON object: unexpected text after the object");
  }
  return result;
}

}  // namespace larder::analytics
