#include "execution/in_set.h"

#include <cmath>

#include "types/datetime.h"

namespace larder::execution {
namespace {

bool IsIntegerKeyed(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kDate ||
         id == TypeId::kDateTime || id == TypeId::kInterval;
}

// The value as an integer of the probe's type, or false when it cannot equal any such value.
bool IntegerKey(const Value& value, const LogicalType& type, TypeId probe, int64_t* key) {
  switch (type.id()) {
    case TypeId::kInt64:
    case TypeId::kDate:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      *key = value.as_int64();
      return true;
    case TypeId::kBool:
      *key = value.as_bool() ? 1 : 0;
      return true;
    case TypeId::kFloat64: {
      double number = value.as_float64();
      if (std::trunc(number) != number || std::abs(number) > 9.2e18) return false;
      *key = static_cast<int64_t>(number);
      return true;
    }
    case TypeId::kString: {
      const std::string& text = value.as_string();
      if (probe == TypeId::kDate) {
        int32_t days = 0;
        if (!ParseDate(text, &days)) return false;
        *key = days;
        return true;
      }
      if (probe == TypeId::kDateTime) return ParseDateTime(text, key);
      return false;
    }
    default:
      return false;
  }
}

}  // namespace

Result<std::unique_ptr<InSet>> InSet::Build(const LogicalType& probe_type,
                                            const std::vector<Value>& values,
                                            const std::vector<LogicalType>& types) {
  auto set = std::unique_ptr<InSet>(new InSet());
  set->probe_type_ = probe_type;
  TypeId probe = probe_type.id();
  if (probe_type.is_string_like()) {
    set->keying_ = Keying::kString;
  } else if (IsIntegerKeyed(probe)) {
    set->keying_ = Keying::kInteger;
  } else if (probe == TypeId::kFloat64) {
    set->keying_ = Keying::kFloat;
  } else if (probe == TypeId::kUuid) {
    set->keying_ = Keying::kUuid;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const Value& value = values[i];
    if (value.is_null()) continue;  // NULL IN (…, NULL) is still 0, and x = NULL never holds.
    const LogicalType& type = types[i];
    switch (set->keying_) {
      case Keying::kString:
        if (type.is_string_like()) {
          set->strings_.insert(value.as_string());
        } else {
          return InvalidArgument("IN compares {} with a list holding {}", probe_type.ToString(),
                                 type.ToString());
        }
        break;
      case Keying::kInteger: {
        int64_t key = 0;
        if (IntegerKey(value, type, probe, &key)) set->integers_.insert(key);
        if (type.is_string_like() && probe != TypeId::kDate && probe != TypeId::kDateTime) {
          return InvalidArgument("IN compares {} with a list holding {}", probe_type.ToString(),
                                 type.ToString());
        }
        break;
      }
      case Keying::kFloat:
        if (type.id() == TypeId::kFloat64) {
          set->floats_.insert(value.as_float64());
        } else if (type.id() == TypeId::kInt64) {
          set->floats_.insert(static_cast<double>(value.as_int64()));
        } else {
          return InvalidArgument("IN compares {} with a list holding {}", probe_type.ToString(),
                                 type.ToString());
        }
        break;
      case Keying::kUuid: {
        Uuid128 uuid;
        if (type.id() == TypeId::kUuid) {
          set->uuids_.insert(value.as_uuid());
        } else if (type.is_string_like() && ParseUuid(value.as_string(), &uuid)) {
          set->uuids_.insert(uuid);
        }
        break;
      }
      case Keying::kText:
        set->strings_.insert(value.ToString(type));
        break;
    }
    ++set->size_;
  }
  return set;
}

bool InSet::Contains(const ColumnVector& vector, size_t row) const {
  switch (keying_) {
    case Keying::kString:
      return strings_.count(std::string(vector.GetString(row))) > 0;
    case Keying::kInteger: {
      int64_t key = 0;
      switch (vector.type().id()) {
        case TypeId::kBool:
          key = vector.data<uint8_t>()[row];
          break;
        case TypeId::kDate:
          key = vector.data<int32_t>()[row];
          break;
        default:
          key = vector.data<int64_t>()[row];
      }
      return integers_.count(key) > 0;
    }
    case Keying::kFloat:
      return floats_.count(vector.data<double>()[row]) > 0;
    case Keying::kUuid:
      return uuids_.count(vector.data<Uuid128>()[row]) > 0;
    case Keying::kText:
      return strings_.count(vector.GetValue(row).ToString(vector.type())) > 0;
  }
  return false;
}

void InSet::Probe(const functions::KernelArg& probe, size_t rows, uint8_t* out) const {
  const ColumnVector& vector = *probe.vector;
  if (probe.constant) {
    uint8_t hit = !vector.IsNull(0) && Contains(vector, 0);
    std::fill(out, out + rows, hit);
    return;
  }
  if (vector.is_dictionary()) {
    const ColumnVector& dictionary = vector.dictionary();
    std::vector<uint8_t> hits(dictionary.size());
    for (size_t code = 0; code < dictionary.size(); ++code) {
      hits[code] = Contains(dictionary, code);
    }
    const std::vector<uint32_t>& codes = vector.codes();
    for (size_t row = 0; row < rows; ++row) {
      out[row] = !vector.IsNull(row) && codes[row] < hits.size() && hits[codes[row]];
    }
    return;
  }
  for (size_t row = 0; row < rows; ++row) {
    out[row] = !vector.IsNull(row) && Contains(vector, row);
  }
}

}  // namespace larder::execution
