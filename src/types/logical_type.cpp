#include "types/logical_type.h"

#include <charconv>

#include "types/time_zone.h"

namespace larder {

LogicalType LogicalType::Decimal(int scale) {
  LogicalType type(TypeId::kDecimal);
  type.scale_ = static_cast<uint8_t>(scale);
  return type;
}

LogicalType LogicalType::DateTime(const TimeZone* zone) {
  LogicalType type(TypeId::kDateTime);
  type.zone_ = zone;
  return type;
}

LogicalType LogicalType::Array(LogicalType element) {
  LogicalType type(TypeId::kArray);
  type.element_ = std::make_shared<const LogicalType>(std::move(element));
  return type;
}

namespace {
constexpr std::string_view kIntervalUnits[] = {"second", "minute", "hour",    "day",
                                               "week",   "month",  "quarter", "year"};
}  // namespace

LogicalType LogicalType::Interval(std::string_view unit) {
  LogicalType type(TypeId::kInterval);
  for (size_t i = 0; i < std::size(kIntervalUnits); ++i) {
    if (kIntervalUnits[i] == unit) type.scale_ = static_cast<uint8_t>(i);
  }
  return type;
}

std::string_view LogicalType::interval_unit() const { return kIntervalUnits[scale_ % 8]; }

LogicalType LogicalType::WithNullable(bool nullable) const {
  LogicalType copy = *this;
  copy.nullable_ = nullable;
  return copy;
}

size_t LogicalType::fixed_width() const {
  switch (id_) {
    case TypeId::kBool:
    case TypeId::kNothing:
      return 1;
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return 8;
    case TypeId::kDate:
      return 4;
    case TypeId::kDecimal:
    case TypeId::kUuid:
      return 16;
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kArray:
      return 0;
  }
  return 0;
}

std::string LogicalType::ToString() const {
  std::string base;
  switch (id_) {
    case TypeId::kBool:
      base = "Bool";
      break;
    case TypeId::kInt64:
      base = "Int64";
      break;
    case TypeId::kFloat64:
      base = "Float64";
      break;
    case TypeId::kDecimal:
      base = fmt::format("Decimal(38, {})", scale_);
      break;
    case TypeId::kString:
      base = "String";
      break;
    case TypeId::kDate:
      base = "Date";
      break;
    case TypeId::kDateTime:
      base = zone_ ? fmt::format("DateTime('{}')", zone_->name()) : "DateTime";
      break;
    case TypeId::kUuid:
      base = "UUID";
      break;
    case TypeId::kJson:
      base = "JSON";
      break;
    case TypeId::kArray:
      base = fmt::format("Array({})", element_->ToString());
      break;
    case TypeId::kNothing:
      base = "Nothing";
      break;
    case TypeId::kInterval:
      base = fmt::format("Interval({})", interval_unit());
      break;
  }
  return nullable_ ? fmt::format("Nullable({})", base) : base;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Matches "Name(inner)" and sets `inner`.
bool Unwrap(std::string_view text, std::string_view name, std::string_view* inner) {
  if (text.size() < name.size() + 2 || !text.starts_with(name) || text[name.size()] != '(' ||
      text.back() != ')') {
    return false;
  }
  *inner = Trim(text.substr(name.size() + 1, text.size() - name.size() - 2));
  return true;
}

// Parses the arguments of Decimal(P, S) or Decimal(P), which means scale 0 as in ClickHouse.
Result<int> ParseDecimalScale(std::string_view args, std::string_view original) {
  std::string_view precision = args;
  std::string_view scale_text = "0";
  if (size_t comma = args.find(','); comma != std::string_view::npos) {
    precision = Trim(args.substr(0, comma));
    scale_text = Trim(args.substr(comma + 1));
  }
  if (precision != "38") {
    return InvalidArgument("type {}: only Decimal(38, s) is supported", original);
  }
  int scale = -1;
  auto [ptr, ec] = std::from_chars(scale_text.data(), scale_text.data() + scale_text.size(), scale);
  if (ec != std::errc() || ptr != scale_text.data() + scale_text.size() || scale < 0 ||
      scale > kMaxDecimalScale) {
    return InvalidArgument("type {}: the scale must be a number from 0 to 38", original);
  }
  return scale;
}

}  // namespace

Result<LogicalType> LogicalType::Parse(std::string_view text) {
  text = Trim(text);
  std::string_view inner;
  if (Unwrap(text, "Nullable", &inner)) {
    LARDER_ASSIGN_OR_RETURN(LogicalType type, Parse(inner));
    return type.WithNullable(true);
  }
  if (Unwrap(text, "Array", &inner)) {
    LARDER_ASSIGN_OR_RETURN(LogicalType element, Parse(inner));
    return Array(std::move(element));
  }
  if (Unwrap(text, "Decimal", &inner)) {
    LARDER_ASSIGN_OR_RETURN(int scale, ParseDecimalScale(inner, text));
    return Decimal(scale);
  }
  if (text == "Bool") return Bool();
  if (text == "Int64") return Int64();
  if (text == "Float64") return Float64();
  if (text == "String") return String();
  if (text == "Date") return Date();
  if (text == "DateTime") return DateTime();
  if (Unwrap(text, "DateTime", &inner)) {
    if (inner.size() < 2 || inner.front() != '\'' || inner.back() != '\'') {
      return InvalidArgument("type {}: the time zone must be quoted, e.g. DateTime('UTC')", text);
    }
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone,
                            LookupTimeZone(inner.substr(1, inner.size() - 2)));
    return DateTime(zone);
  }
  if (text == "UUID") return Uuid();
  if (text == "JSON") return Json();
  return InvalidArgument(
      "unknown type '{}'; expected Bool, Int64, Float64, Decimal(38, s), String, Date, DateTime, "
      "DateTime('zone'), UUID, JSON, Array(T) or Nullable(T)",
      text);
}

// A DateTime's zone is not written: stored values are UTC instants.
void LogicalType::Serialize(BinaryWriter* writer) const {
  writer->PutByte(static_cast<uint8_t>(id_));
  writer->PutByte(nullable_ ? 1 : 0);
  if (id_ == TypeId::kDecimal) writer->PutByte(scale_);
  if (id_ == TypeId::kArray) element_->Serialize(writer);
}

Status LogicalType::Deserialize(BinaryReader* reader, LogicalType* type, int depth) {
  if (depth > kMaxTypeDepth) return Corruption("{}: types nested too deeply", reader->what());
  uint8_t id, nullable;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&id));
  LARDER_RETURN_IF_ERROR(reader->GetByte(&nullable));
  // Nothing and Interval exist only while binding queries; they are never stored.
  if (id >= static_cast<uint8_t>(TypeId::kNothing) || nullable > 1) {
    return Corruption("{}: bad type tag {} at byte {}", reader->what(), id, reader->position());
  }
  LogicalType result(static_cast<TypeId>(id));
  result.nullable_ = nullable == 1;
  if (result.id_ == TypeId::kDecimal) {
    LARDER_RETURN_IF_ERROR(reader->GetByte(&result.scale_));
    if (result.scale_ > kMaxDecimalScale)
      return Corruption("{}: bad decimal scale", reader->what());
  }
  if (result.id_ == TypeId::kArray) {
    LogicalType element;
    LARDER_RETURN_IF_ERROR(Deserialize(reader, &element, depth + 1));
    result.element_ = std::make_shared<const LogicalType>(std::move(element));
  }
  *type = std::move(result);
  return Status::OK();
}

bool LogicalType::operator==(const LogicalType& other) const {
  if (id_ != other.id_ || nullable_ != other.nullable_ || scale_ != other.scale_) return false;
  if (id_ == TypeId::kArray) return *element_ == *other.element_;
  return true;
}

bool IsWideningConversion(const LogicalType& from, const LogicalType& to) {
  if (from.nullable() && !to.nullable()) return false;
  if (from.id() == to.id()) {
    if (from.id() == TypeId::kDecimal) return to.scale() >= from.scale();
    if (from.id() == TypeId::kArray) return IsWideningConversion(from.element(), to.element());
    return true;
  }
  if (to.id() == TypeId::kString) return true;
  if (from.id() == TypeId::kInt64) {
    // Int64 has 19 digits, so Decimal(38, s) holds it when s <= 19.
    return to.id() == TypeId::kFloat64 || (to.id() == TypeId::kDecimal && to.scale() <= 19);
  }
  if (from.id() == TypeId::kBool) return to.id() == TypeId::kInt64;
  return from.id() == TypeId::kDate && to.id() == TypeId::kDateTime;
}

}  // namespace larder
