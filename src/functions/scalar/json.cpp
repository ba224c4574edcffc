// JSON functions (see json.h). Path arguments are keys (strings) or 1-based indexes (integers,
// negative from the end); no path means the whole document. A document that is not valid JSON
// reads as empty, as in ClickHouse: missing values give the function's default ('' / 0 / false
// / [] / NULL for _property).
#include "functions/scalar/json.h"

#include <charconv>
#include <optional>

#include "functions/registration.h"
#include "functions/scalar/json_fast_path.h"
#include "functions/scalar/json_value.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The path of each row, from arguments [first, end) of a call; built once when they are all
// constant.
class JsonPaths {
 public:
  JsonPaths(const KernelCall& call, size_t first, size_t end)
      : call_(call), first_(first), end_(end) {
    for (size_t i = first; i < end; ++i) constant_ = constant_ && call.args[i].constant;
    if (constant_) Build(0);
  }

  // Steps for `row`; nullptr when a path argument is NULL there.
  const std::vector<JsonPathStep>* At(size_t row) {
    if (!constant_ && !Build(row)) return nullptr;
    return valid_ ? &steps_ : nullptr;
  }

 private:
  bool Build(size_t row) {
    steps_.clear();
    valid_ = true;
    for (size_t i = first_; i < end_; ++i) {
      const KernelArg& arg = call_.args[i];
      if (IsNullAt(arg, row)) {
        valid_ = false;
        return false;
      }
      JsonPathStep step;
      if (arg.type().is_string_like()) {
        step.key = arg.GetString(row);
      } else {
        step.by_index = true;
        step.index = IntegerArgAt(arg, row);
      }
      steps_.push_back(step);
    }
    return true;
  }

  const KernelCall& call_;
  size_t first_, end_;
  bool constant_ = true;
  bool valid_ = true;
  std::vector<JsonPathStep> steps_;
};

// Calls visit(row, value) for every row, value being the element at the row's path or nullptr
// when the document is invalid or the path is missing. Paths are arguments [1, path_end).
template <typename Visit>
void ForEachJsonValue(const KernelCall& call, size_t path_end, Visit&& visit) {
  JsonDocumentParser parser;
  JsonPaths paths(call, 1, path_end);
  element root, value;
  const KernelArg& json = call.args[0];
  if (json.constant) {  // One document for every row: parse it once.
    bool parsed = !IsNullAt(json, 0) && parser.Parse(json.GetString(0), &root);
    for (size_t row = 0; row < call.rows; ++row) {
      const std::vector<JsonPathStep>* steps = paths.At(row);
      bool found =
          parsed && steps != nullptr && NavigateJson(root, steps->data(), steps->size(), &value);
      visit(row, found ? &value : nullptr);
    }
    return;
  }
  ForEachString(json, call.rows, [&](size_t row, std::string_view text) {
    const std::vector<JsonPathStep>* steps = paths.At(row);
    bool found = steps != nullptr && parser.Parse(text, &root) &&
                 NavigateJson(root, steps->data(), steps->size(), &value);
    visit(row, found ? &value : nullptr);
  });
}

// Integer conversion as ClickHouse's JSONExtractInt: integers in range, doubles truncated when
// in range, numeric strings parsed; booleans only when `bools` (JSONExtract(…, 'Int64')).
std::optional<int64_t> ToInteger(const element& value, bool bools) {
  switch (value.type()) {
    case element_type::INT64:
      return value.get_int64().value_unsafe();
    case element_type::UINT64:
      return std::nullopt;  // Above INT64_MAX.
    case element_type::DOUBLE: {
      double number = value.get_double().value_unsafe();
      if (!(number >= -9223372036854775808.0 && number < 9223372036854775808.0))
        return std::nullopt;
      return static_cast<int64_t>(number);
    }
    case element_type::BOOL:
      if (!bools) return std::nullopt;
      return value.get_bool().value_unsafe() ? 1 : 0;
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      int64_t integer = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty()) {
        return integer;
      }
      double number = 0;
      auto parsed = std::from_chars(text.data(), text.data() + text.size(), number);
      if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || text.empty() ||
          !(number >= -9223372036854775808.0 && number < 9223372036854775808.0)) {
        return std::nullopt;
      }
      return static_cast<int64_t>(number);
    }
    default:
      return std::nullopt;
  }
}

std::optional<double> ToFloat(const element& value) {
  switch (value.type()) {
    case element_type::INT64:
      return static_cast<double>(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return static_cast<double>(value.get_uint64().value_unsafe());
    case element_type::DOUBLE:
      return value.get_double().value_unsafe();
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      double number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
      }
      return number;
    }
    default:
      return std::nullopt;
  }
}

std::optional<bool> ToBool(const element& value) {
  switch (value.type()) {
    case element_type::BOOL:
      return value.get_bool().value_unsafe();
    case element_type::INT64:
      return value.get_int64().value_unsafe() != 0;
    case element_type::UINT64:
      return value.get_uint64().value_unsafe() != 0;
    default:
      return std::nullopt;
  }
}

// JSONExtractString: a string unescaped, other values (except null) as raw JSON text.
bool ToText(const element& value, std::string* scratch, std::string_view* text) {
  if (value.type() == element_type::NULL_VALUE) return false;
  if (value.type() == element_type::STRING) {
    *text = value.get_string().value_unsafe();
    return true;
  }
  scratch->clear();
  AppendRawJson(value, scratch);
  *text = *scratch;
  return true;
}

std::string_view TypeName(const element* value) {
  if (value == nullptr) return "Null";
  switch (value->type()) {
    case element_type::ARRAY:
      return "Array";
    case element_type::OBJECT:
      return "Object";
    case element_type::INT64:
      return "Int64";
    case element_type::UINT64:
      return "UInt64";
    case element_type::DOUBLE:
      return "Double";
    case element_type::STRING:
      return "String";
    case element_type::BOOL:
      return "Bool";
    case element_type::NULL_VALUE:
      return "Null";
  }
  return "Null";
}

// Appends one _property value (see json.h) to a Nullable(String) vector.
void AppendProperty(const element* value, ColumnVector* out, std::string* scratch) {
  std::string_view text;
  if (value == nullptr || !ToText(*value, scratch, &text)) {
    out->AppendNull();
    return;
  }
  out->AppendString(text);
}

size_t AllArgs(const KernelCall& call) { return call.args.size(); }

// The keys of single-key paths over a JSON column, when the fast path can look them up (values
// of JSON columns are valid JSON; text columns need the full parser to say what is not).
bool FastKeys(const LogicalType& type, const std::vector<std::vector<std::string>>& paths,
              std::vector<std::string_view>* keys) {
  if (type.WithNullable(false).id() != TypeId::kJson) return false;
  for (const std::vector<std::string>& path : paths) {
    if (path.size() != 1 || path[0].find_first_of("\\\"") != std::string::npos) return false;
    keys->push_back(path[0]);
  }
  return true;
}

Status JsonHas(const KernelCall& call, ColumnVector* out) {
  uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
  ForEachJsonValue(call, AllArgs(call),
                   [&](size_t row, const element* value) { values[row] = value != nullptr; });
  return Status::OK();
}

Status JsonLength(const KernelCall& call, ColumnVector* out) {
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  ForEachJsonValue(call, AllArgs(call), [&](size_t row, const element* value) {
    int64_t length = 0;
    if (value != nullptr && value->type() == element_type::ARRAY) {
      length = static_cast<int64_t>(value->get_array().value_unsafe().size());
    } else if (value != nullptr && value->type() == element_type::OBJECT) {
      length = static_cast<int64_t>(value->get_object().value_unsafe().size());
    }
    values[row] = length;
  });
  return Status::OK();
}

Status JsonType(const KernelCall& call, ColumnVector* out) {
  ForEachJsonValue(call, AllArgs(call),
                   [&](size_t, const element* value) { out->AppendString(TypeName(value)); });
  return Status::OK();
}

Status JsonExtractString(const KernelCall& call, ColumnVector* out) {
  std::string scratch;
  ForEachJsonValue(call, AllArgs(call), [&](size_t, const element* value) {
    std::string_view text;
    out->AppendString(value != nullptr && ToText(*value, &scratch, &text) ? text
                                                                          : std::string_view());
  });
  return Status::OK();
}

Status JsonExtractRaw(const KernelCall& call, ColumnVector* out) {
  std::string scratch;
  ForEachJsonValue(call, AllArgs(call), [&](size_t, const element* value) {
    scratch.clear();
    if (value != nullptr) AppendRawJson(*value, &scratch);
    out->AppendString(scratch);
  });
  return Status::OK();
}

Status JsonExtractInt(const KernelCall& call, ColumnVector* out) {
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  ForEachJsonValue(call, AllArgs(call), [&](size_t row, const element* value) {
    values[row] = value == nullptr ? 0 : ToInteger(*value, false).value_or(0);
  });
  return Status::OK();
}

Status JsonExtractFloat(const KernelCall& call, ColumnVector* out) {
  double* values = AppendSlots<double>(out, call.rows);
  ForEachJsonValue(call, AllArgs(call), [&](size_t row, const element* value) {
    values[row] = value == nullptr ? 0 : ToFloat(*value).value_or(0);
  });
  return Status::OK();
}

Status JsonExtractBool(const KernelCall& call, ColumnVector* out) {
  uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
  ForEachJsonValue(call, AllArgs(call), [&](size_t row, const element* value) {
    values[row] = value != nullptr && ToBool(*value).value_or(false);
  });
  return Status::OK();
}

// JSONExtractKeys (`keys`) and JSONExtractArrayRaw: Array(String), [] for other values.
ScalarKernel JsonList(bool keys) {
  return [keys](const KernelCall& call, ColumnVector* out) -> Status {
    ColumnVector* elements = out->mutable_child();
    std::string scratch;
    ForEachJsonValue(call, AllArgs(call), [&](size_t, const element* value) {
      uint32_t count = 0;
      if (keys && value != nullptr && value->type() == element_type::OBJECT) {
        simdjson::dom::object object = value->get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : object) {
          elements->AppendString(field.key);
          ++count;
        }
      } else if (!keys && value != nullptr && value->type() == element_type::ARRAY) {
        simdjson::dom::array array = value->get_array().value_unsafe();
        for (element item : array) {
          scratch.clear();
          AppendRawJson(item, &scratch);
          elements->AppendString(scratch);
          ++count;
        }
      }
      out->AppendArrayRow(count);
    });
    return Status::OK();
  };
}

// JSONExtract(json, path…, 'Type'): the result type (set by the binder from the last argument,
// see JsonExtractType) says how to convert; Nullable types give NULL where others give 0 / ''.
Status JsonExtract(const KernelCall& call, ColumnVector* out) {
  const LogicalType& type = call.result_type;
  const bool nullable = type.nullable();
  std::string scratch;
  Status status = Status::OK();
  ForEachJsonValue(call, call.args.size() - 1, [&](size_t, const element* value) {
    if (value != nullptr && value->type() == element_type::NULL_VALUE) value = nullptr;
    bool appended = false;
    switch (type.id()) {
      case TypeId::kInt64:
        if (auto integer = value ? ToInteger(*value, true) : std::nullopt; integer || !nullable) {
          out->Append<int64_t>(integer.value_or(0));
          appended = true;
        }
        break;
      case TypeId::kFloat64:
        if (auto number = value ? ToFloat(*value) : std::nullopt; number || !nullable) {
          out->Append<double>(number.value_or(0));
          appended = true;
        }
        break;
      case TypeId::kBool:
        if (auto truth = value ? ToBool(*value) : std::nullopt; truth || !nullable) {
          out->Append<uint8_t>(truth.value_or(false) ? 1 : 0);
          appended = true;
        }
        break;
      case TypeId::kString: {
        std::string_view text;
        if (value != nullptr && ToText(*value, &scratch, &text)) {
          out->AppendString(text);
          appended = true;
        } else if (!nullable) {
          out->AppendString({});
          appended = true;
        }
        break;
      }
      default:
        status = InvalidArgument("JSONExtract cannot produce {}", type.ToString());
        break;
    }
    if (!appended) out->AppendNull();
  });
  return status;
}

Status Property(const KernelCall& call, ColumnVector* out) {
  if (call.args.size() == 2 && call.args[1].constant && !call.args[0].constant &&
      call.args[1].type().is_string_like() && !IsNullAt(call.args[1], 0)) {
    std::vector<ColumnVector> outs;
    LARDER_RETURN_IF_ERROR(ExtractProperties(call.args[0], call.rows,
                                             {{std::string(call.args[1].GetString(0))}}, &outs));
    if (out->size() == 0) {
      *out = std::move(outs[0]);  // The common case: no copy of every value.
    } else {
      out->AppendRange(outs[0], 0, outs[0].size());
    }
    return Status::OK();
  }
  std::string scratch;
  ForEachJsonValue(call, AllArgs(call),
                   [&](size_t, const element* value) { AppendProperty(value, out, &scratch); });
  return Status::OK();
}

// JSONExtract's type comes from its last argument (JsonExtractConstantType); this only checks
// that the arguments are text.
Result<LogicalType> JsonExtractRule(const std::vector<LogicalType>& args) {
  if (!args.back().is_string_like()) {
    return InvalidArgument("the last argument names the result type, e.g. 'Int64', not {}",
                           args.back().ToString());
  }
  return kString;
}

Result<LogicalType> JsonExtractConstantType(LogicalType,
                                            const std::vector<const Value*>& constants) {
  const Value* name = constants.back();
  if (!name || !std::holds_alternative<std::string>(name->storage())) {
    return InvalidArgument("the result type (the last argument) must be a constant String");
  }
  return JsonExtractType(name->as_string());
}

}  // namespace

Result<LogicalType> JsonExtractType(std::string_view type_name) {
  std::string_view name = type_name;
  bool nullable = false;
  auto unwrap = [&](std::string_view wrapper) {
    if (name.starts_with(wrapper) && name.ends_with(")")) {
      name = name.substr(wrapper.size(), name.size() - wrapper.size() - 1);
      return true;
    }
    return false;
  };
  unwrap("LowCardinality(");
  if (unwrap("Nullable(")) nullable = true;
  LogicalType type;
  if (name == "Int8" || name == "Int16" || name == "Int32" || name == "Int64" || name == "UInt8" ||
      name == "UInt16" || name == "UInt32" || name == "UInt64") {
    type = kInt;
  } else if (name == "Float32" || name == "Float64") {
    type = kFloat;
  } else if (name == "String") {
    type = kString;
  } else if (name == "Bool") {
    type = kBool;
  } else {
    return InvalidArgument(
        "JSONExtract cannot extract {}; use Int64, Float64, String, Bool or Nullable(…) of them",
        type_name);
  }
  return type.WithNullable(nullable);
}

Status ExtractProperties(const KernelArg& json, size_t rows,
                         const std::vector<std::vector<std::string>>& paths,
                         std::vector<ColumnVector>* outs) {
  if (!json.type().is_string_like() && json.type().id() != TypeId::kNothing) {
    return InvalidArgument("properties can only be read from String or JSON, not {}",
                           json.type().ToString());
  }
  std::vector<std::vector<JsonPathStep>> steps(paths.size());
  outs->clear();
  for (size_t i = 0; i < paths.size(); ++i) {
    for (const std::string& key : paths[i]) steps[i].push_back({key, 0, false});
    outs->emplace_back(kString.WithNullable(true));
    outs->back().Reserve(rows);
  }
  if (json.type().id() == TypeId::kNothing) {
    for (ColumnVector& out : *outs) {
      for (size_t row = 0; row < rows; ++row) out.AppendNull();
    }
    return Status::OK();
  }
  JsonDocumentParser parser;
  element root, value;
  std::string scratch;
  std::vector<std::string_view> keys;
  const bool fast = FastKeys(json.type(), paths, &keys);
  std::vector<FastPropertyValue> fast_values;
  ForEachString(json, rows, [&](size_t, std::string_view text) {
    if (fast && LookUpTopLevelKeys(text, keys, &fast_values)) {
      for (size_t i = 0; i < keys.size(); ++i) {
        if (fast_values[i].found) {
          (*outs)[i].AppendString(fast_values[i].text);
        } else {
          (*outs)[i].AppendNull();
        }
      }
      return;
    }
    bool parsed = parser.Parse(text, &root);
    for (size_t i = 0; i < steps.size(); ++i) {
      bool found = parsed && NavigateJson(root, steps[i].data(), steps[i].size(), &value);
      AppendProperty(found ? &value : nullptr, &(*outs)[i], &scratch);
    }
  });
  return Status::OK();
}

void RegisterJsonFunctions(FunctionRegistry* r) {
  auto rule = [](LogicalType type) {
    return Checked({ArgKind::kText, ArgKind::kTextOrInteger}, Propagating(std::move(type)));
  };
  Scalar(r, "JSONHas", 1, -1, rule(kBool), JsonHas);
  Scalar(r, "JSONLength", 1, -1, rule(kInt), JsonLength);
  Scalar(r, "JSONType", 1, -1, rule(kString), JsonType);
  Scalar(r, "JSONExtractString", 1, -1, rule(kString), JsonExtractString);
  Scalar(r, "JSONExtractRaw", 1, -1, rule(kString), JsonExtractRaw);
  Scalar(r, "JSONExtractInt", 1, -1, rule(kInt), JsonExtractInt);
  Scalar(r, "JSONExtractFloat", 1, -1, rule(kFloat), JsonExtractFloat);
  Scalar(r, "JSONExtractBool", 1, -1, rule(kBool), JsonExtractBool);
  Scalar(r, "JSONExtractKeys", 1, -1, rule(LogicalType::Array(kString)), JsonList(true));
  Scalar(r, "JSONExtractArrayRaw", 1, -1, rule(LogicalType::Array(kString)), JsonList(false));
  Scalar(r, "JSONExtract", 2, -1, JsonExtractRule, JsonExtract);
  r->SetConstantType("JSONExtract", JsonExtractConstantType);
  Scalar(r, "_property", 2, -1,
         Checked({ArgKind::kText, ArgKind::kTextOrInteger}, Fixed(kString.WithNullable(true))),
         Property);
}

}  // namespace larder::functions
