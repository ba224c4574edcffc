#include "formats/ndjson_reader.h"

#include <cstring>

namespace larder::formats {
namespace {

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

NdjsonReader::NdjsonReader(std::string_view file_name, std::string_view data, size_t begin,
                           size_t end, uint64_t first_line)
    : file_name_(file_name),
      data_(data),
      pos_(begin),
      end_(end),
      line_(first_line),
      record_end_(begin),
      record_end_line_(first_line) {}

bool NdjsonReader::Fail(std::string_view message) {
  status_ = InvalidArgument("{}:{}: {}", file_name_, record_line_, message);
  return false;
}

bool NdjsonReader::FailJson(simdjson::error_code error) {
  return Fail(fmt::format("invalid JSON: {}", simdjson::error_message(error)));
}

bool NdjsonReader::Next(std::vector<JsonField>* fields) {
  fields->clear();
  if (!status_.ok()) return false;
  const char* base = data_.data();
  const size_t size = data_.size();
  while (pos_ < end_ && pos_ < size) {
    const void* newline = std::memchr(base + pos_, '\n', size - pos_);
    const size_t line_end =
        newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - base) : size;
    std::string_view line(base + pos_, line_end - pos_);
    record_line_ = line_;
    pos_ = newline != nullptr ? line_end + 1 : size;
    ++line_;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // A blank line.
    line = TrimRight(line.substr(first));
    if (!ParseLine(line, fields)) return false;
    record_end_ = pos_;
    record_end_line_ = line_;
    return true;
  }
  return false;
}

bool NdjsonReader::ParseLine(std::string_view line, std::vector<JsonField>* fields) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the text; near the end of the data, where
  // those bytes may not exist, the line is copied.
  const char* text = line.data();
  size_t capacity = static_cast<size_t>(data_.data() + data_.size() - text);
  if (capacity < line.size() + simdjson::SIMDJSON_PADDING) {
    padded_line_ = simdjson::padded_string(line);
    text = padded_line_.data();
    capacity = line.size() + simdjson::SIMDJSON_PADDING;
  }
  simdjson::ondemand::document document;
  auto error = parser_.iterate(text, line.size(), capacity).get(document);
  if (error) return FailJson(error);
  if (line[0] == '[') {
    return Fail(
        "expected a JSON object, found an array; JSON lines hold one object per line (a file "
        "that is one JSON array is not supported)");
  }
  if (line[0] != '{') return Fail("expected a JSON object ({…}) on each line");
  simdjson::ondemand::object object;
  if ((error = document.get_object().get(object))) return FailJson(error);
  for (auto member : object) {
    simdjson::ondemand::field field;
    if ((error = std::move(member).get(field))) return FailJson(error);
    JsonField out;
    if ((error = field.unescaped_key().get(out.key))) return FailJson(error);
    if (!ReadValue(field.value(), &out)) return false;
    fields->push_back(out);
  }
  const char* trailing;
  if (document.current_location().get(trailing) == simdjson::SUCCESS) {
    return Fail("unexpected text after the JSON object; JSON lines hold one object per line");
  }
  return true;
}

bool NdjsonReader::ReadValue(simdjson::ondemand::value value, JsonField* field) {
  simdjson::ondemand::json_type type;
  auto error = value.type().get(type);
  if (error) return FailJson(error);
  switch (type) {
    case simdjson::ondemand::json_type::object:
    case simdjson::ondemand::json_type::array: {
      std::string_view json;
      if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object object;
        if (!(error = value.get_object().get(object))) error = object.raw_json().get(json);
      } else {
        simdjson::ondemand::array array;
        if (!(error = value.get_array().get(array))) error = array.raw_json().get(json);
      }
      if (error) return FailJson(error);
      field->kind = JsonValueKind::kNested;
      field->json = field->text = TrimRight(json);
      return true;
    }
    default:
      break;
  }
  field->json = field->text = TrimRight(value.raw_json_token());
  switch (type) {
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      if ((error = value.is_null().get(is_null)) || !is_null) {
        return error ? FailJson(error) : FailJson(simdjson::N_ATOM_ERROR);
      }
      field->kind = JsonValueKind::kNull;
      return true;
    }
    case simdjson::ondemand::json_type::boolean:
      if ((error = value.get_bool().get(field->bool_value))) return FailJson(error);
      field->kind = JsonValueKind::kBool;
      return true;
    case simdjson::ondemand::json_type::string:
      if ((error = value.get_string().get(field->text))) return FailJson(error);
      field->kind = JsonValueKind::kString;
      return true;
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number_type number_type;
      if ((error = value.get_number_type().get(number_type))) return FailJson(error);
      if (number_type == simdjson::ondemand::number_type::signed_integer) {
        if ((error = value.get_int64().get(field->int_value))) return FailJson(error);
        field->kind = JsonValueKind::kInt64;
        field->float_value = static_cast<double>(field->int_value);
      } else {
        if ((error = value.get_double().get(field->float_value))) return FailJson(error);
        field->kind = JsonValueKind::kFloat64;
      }
      return true;
    }
    default:
      return FailJson(simdjson::INCORRECT_TYPE);
  }
}

}  // namespace larder::formats
