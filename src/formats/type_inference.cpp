#include "formats/type_inference.h"

#include "formats/text_values.h"
#include "types/datetime.h"

namespace larder::formats {

uint8_t ColumnTypeInference::TextCandidates(std::string_view text, uint8_t possible) {
  uint8_t found = 0;
  if (possible & kBool) {
    bool value;
    if (ParseBoolText(text, /*allow_digits=*/false, &value)) return kBool;
  }
  if (possible & kInt64) {
    int64_t value;
    if (ParseInt64Text(text, &value)) return kInt64 | kFloat64;
  }
  if (possible & kFloat64) {
    double value;
    if (ParseFloat64Text(text, &value)) return kFloat64;
  }
  if (possible & (kDate | kDateTime)) {
    int32_t days;
    int64_t micros;
    if (text.size() == 10 && ParseDate(text, &days)) {
      found |= kDate | kDateTime;
    } else if (text.size() > 10 && ParseDateTimeWithOffset(text, &micros)) {
      found |= kDateTime;
    }
  }
  return found;
}

void ColumnTypeInference::ObserveText(std::string_view text) {
  // Once only String is left (the common case for text), nothing can change it.
  if (saw_value_ && (candidates_ & ~kString & ~kJson) == 0) {
    candidates_ &= kString;
    return;
  }
  Narrow(TextCandidates(text, candidates_) | kString);
}

void ColumnTypeInference::ObserveJsonString(std::string_view text) {
  if (saw_value_ && (candidates_ & (kDate | kDateTime)) == 0) {
    Narrow(kString | kJson);
    return;
  }
  Narrow((TextCandidates(text, kDate | kDateTime)) | kString | kJson);
}

void ColumnTypeInference::Merge(const ColumnTypeInference& other) {
  if (other.saw_value_) Narrow(other.candidates_);
  saw_null_ = saw_null_ || other.saw_null_;
}

LogicalType ColumnTypeInference::Type() const {
  if (!saw_value_) return LogicalType::String().WithNullable(true);
  LogicalType type = LogicalType::String();
  if (candidates_ & kBool) {
    type = LogicalType::Bool();
  } else if (candidates_ & kInt64) {
    type = LogicalType::Int64();
  } else if (candidates_ & kFloat64) {
    type = LogicalType::Float64();
  } else if (candidates_ & kDate) {
    type = LogicalType::Date();
  } else if (candidates_ & kDateTime) {
    type = LogicalType::DateTime();
  } else if (candidates_ & kString) {
    type = LogicalType::String();
  } else if (candidates_ & kJson) {
    type = LogicalType::Json();
  }
  return type.WithNullable(saw_null_);
}

}  // namespace larder::formats
