#include "types/column_vector.h"

namespace larder {

ColumnVector::ColumnVector(LogicalType type) : type_(std::move(type)) {
  if (type_.is_string_like() || type_.id() == TypeId::kArray) offsets_.push_back(0);
  if (type_.id() == TypeId::kArray) child_ = std::make_unique<ColumnVector>(type_.element());
}

ColumnVector ColumnVector::Clone() const {
  ColumnVector copy(type_);
  copy.size_ = size_;
  copy.values_ = values_;
  copy.nulls_ = nulls_;
  copy.offsets_ = offsets_;
  copy.chars_ = chars_;
  if (child_) copy.child_ = std::make_unique<ColumnVector>(child_->Clone());
  copy.dictionary_ = dictionary_;
  copy.codes_ = codes_;
  return copy;
}

void ColumnVector::Resize(size_t rows) {
  values_.resize(rows * type_.fixed_width());
  if (!nulls_.empty()) nulls_.resize(rows, 0);
  size_ = rows;
}

void ColumnVector::Reserve(size_t rows) {
  values_.reserve(rows * type_.fixed_width());
  if (!offsets_.empty()) offsets_.reserve(rows + 1);
}

std::vector<uint8_t>* ColumnVector::mutable_nulls() {
  if (nulls_.empty()) nulls_.assign(size_, 0);
  return &nulls_;
}

void ColumnVector::CompactNulls() {
  for (uint8_t is_null : nulls_) {
    if (is_null) return;
  }
  nulls_.clear();
  nulls_.shrink_to_fit();
}

ColumnVector ColumnVector::MakeDictionary(LogicalType type,
                                          std::shared_ptr<const ColumnVector> dictionary,
                                          std::vector<uint32_t> codes) {
  ColumnVector vector(std::move(type));
  vector.size_ = codes.size();
  vector.dictionary_ = std::move(dictionary);
  vector.codes_ = std::move(codes);
  return vector;
}

void ColumnVector::Flatten() {
  if (!dictionary_) return;
  std::shared_ptr<const ColumnVector> dictionary = std::move(dictionary_);
  std::vector<uint32_t> codes = std::move(codes_);
  dictionary_.reset();
  codes_.clear();
  std::vector<uint8_t> nulls = std::move(nulls_);
  nulls_.clear();
  size_ = 0;
  offsets_.assign(1, 0);
  chars_.clear();
  for (size_t row = 0; row < codes.size(); ++row) {
    // The code of a NULL row means nothing and may not index the dictionary.
    bool is_null = !nulls.empty() && nulls[row] != 0;
    AppendString(is_null ? std::string_view() : dictionary->GetString(codes[row]));
  }
  nulls_ = std::move(nulls);
}

void ColumnVector::AppendString(std::string_view value) {
  LARDER_CHECK(chars_.size() + value.size() <= UINT32_MAX);
  chars_.append(value);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  if (!nulls_.empty()) nulls_.push_back(0);
  ++size_;
}

void ColumnVector::AppendStrings(std::string_view bytes, const int64_t* lengths, size_t count) {
  LARDER_CHECK(chars_.size() + bytes.size() <= UINT32_MAX);
  uint32_t end = static_cast<uint32_t>(chars_.size());
  chars_.append(bytes);
  offsets_.reserve(offsets_.size() + count);
  for (size_t i = 0; i < count; ++i) {
    end += static_cast<uint32_t>(lengths[i]);
    offsets_.push_back(end);
  }
  LARDER_CHECK(end == chars_.size());
  if (!nulls_.empty()) nulls_.resize(nulls_.size() + count, 0);
  size_ += count;
}

void ColumnVector::AppendArrayRow(uint32_t element_count) {
  offsets_.push_back(offsets_.back() + element_count);
  if (!nulls_.empty()) nulls_.push_back(0);
  ++size_;
}

void ColumnVector::AppendNull() {
  if (dictionary_) {
    codes_.push_back(0);
    ++size_;
  } else if (type_.is_string_like()) {
    AppendString({});
  } else if (type_.id() == TypeId::kArray) {
    FinishArrayRow();
  } else {
    values_.resize(values_.size() + type_.fixed_width());
    if (!nulls_.empty()) nulls_.push_back(0);
    ++size_;
  }
  nulls_.resize(size_, 0);
  nulls_.back() = 1;
}

void ColumnVector::AppendValue(const Value& value) {
  if (value.is_null()) return AppendNull();
  switch (type_.id()) {
    case TypeId::kBool:
      return Append<uint8_t>(value.as_bool() ? 1 : 0);
    case TypeId::kNothing:
      return AppendNull();
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return Append<int64_t>(value.as_int64());
    case TypeId::kDate:
      return Append<int32_t>(static_cast<int32_t>(value.as_int64()));
    case TypeId::kFloat64:
      return Append<double>(value.as_float64());
    case TypeId::kDecimal:
      return Append<Int128>(value.as_decimal());
    case TypeId::kUuid:
      return Append<Uuid128>(value.as_uuid());
    case TypeId::kString:
    case TypeId::kJson:
      return AppendString(value.as_string());
    case TypeId::kArray:
      for (const Value& element : value.as_array()) child_->AppendValue(element);
      return FinishArrayRow();
  }
}

Value ColumnVector::GetValue(size_t row) const {
  if (IsNull(row)) return Value::Null();
  switch (type_.id()) {
    case TypeId::kBool:
      return Value::Bool(data<uint8_t>()[row] != 0);
    case TypeId::kNothing:
      return Value::Null();
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return Value::Int64(data<int64_t>()[row]);
    case TypeId::kDate:
      return Value::Date(data<int32_t>()[row]);
    case TypeId::kFloat64:
      return Value::Float64(data<double>()[row]);
    case TypeId::kDecimal:
      return Value::Decimal(data<Int128>()[row]);
    case TypeId::kUuid:
      return Value::Uuid(data<Uuid128>()[row]);
    case TypeId::kString:
    case TypeId::kJson:
      return Value::String(std::string(GetString(row)));
    case TypeId::kArray: {
      std::vector<Value> elements;
      for (uint32_t i = offsets_[row]; i < offsets_[row + 1]; ++i) {
        elements.push_back(child_->GetValue(i));
      }
      return Value::Array(std::move(elements));
    }
  }
  return Value::Null();
}

void ColumnVector::FlatAppendFrom(const ColumnVector& other, size_t row) {
  if (other.IsNull(row)) return AppendNull();
  if (type_.is_string_like()) return AppendString(other.GetString(row));
  if (type_.id() == TypeId::kArray) {
    uint32_t begin = other.offsets_[row];
    child_->AppendRange(*other.child_, begin, other.offsets_[row + 1] - begin);
    return FinishArrayRow();
  }
  size_t width = type_.fixed_width();
  values_.insert(values_.end(), other.values_.begin() + static_cast<ptrdiff_t>(row * width),
                 other.values_.begin() + static_cast<ptrdiff_t>((row + 1) * width));
  if (!nulls_.empty()) nulls_.push_back(0);
  ++size_;
}

void ColumnVector::AppendRange(const ColumnVector& other, size_t start, size_t count) {
  if (dictionary_) Flatten();
  size_t width = type_.fixed_width();
  if (width > 0 && !other.has_nulls() && !has_nulls()) {
    values_.insert(values_.end(), other.values_.begin() + static_cast<ptrdiff_t>(start * width),
                   other.values_.begin() + static_cast<ptrdiff_t>((start + count) * width));
    size_ += count;
    return;
  }
  for (size_t row = start; row < start + count; ++row) FlatAppendFrom(other, row);
}

ColumnVector ColumnVector::Take(const std::vector<uint32_t>& rows) const {
  ColumnVector result(type_);
  size_t width = type_.fixed_width();
  if (width > 0 && !dictionary_) {
    result.Resize(rows.size());
    uint8_t* out = result.values_.data();
    for (size_t i = 0; i < rows.size(); ++i) {
      std::memcpy(out + i * width, values_.data() + rows[i] * width, width);
    }
    if (has_nulls()) {
      result.nulls_.resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) result.nulls_[i] = nulls_[rows[i]];
    }
    return result;
  }
  if (type_.is_string_like()) {
    size_t bytes = 0;
    for (uint32_t row : rows) bytes += GetString(row).size();
    result.chars_.reserve(bytes);
  }
  result.Reserve(rows.size());
  for (uint32_t row : rows) result.FlatAppendFrom(*this, row);
  return result;
}

size_t ColumnVector::MemoryBytes() const {
  size_t bytes = values_.capacity() + nulls_.capacity() + offsets_.capacity() * 4 +
                 chars_.capacity() + codes_.capacity() * 4;
  if (child_) bytes += child_->MemoryBytes();
  return bytes;
}

namespace {

// Digits a Decimal holds, whatever its scale.
constexpr int kDecimalPrecision = 38;

Int128 PowerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

}  // namespace

Result<ColumnVector> ColumnVector::CastTo(const LogicalType& to) const {
  if (!IsWideningConversion(type_, to)) {
    return InvalidArgument("cannot convert {} to {} without loss", type_.ToString(), to.ToString());
  }
  if (type_.WithNullable(false) == to.WithNullable(false)) {
    ColumnVector copy = Clone();
    copy.type_ = to;
    if (copy.child_) copy.child_->type_ = to.element();
    return copy;
  }
  ColumnVector result(to);
  if (to.id() == TypeId::kArray) {
    LARDER_ASSIGN_OR_RETURN(*result.child_, child_->CastTo(to.element()));
    result.size_ = size_;
    result.offsets_ = offsets_;
    result.nulls_ = nulls_;
    return result;
  }
  result.Reserve(size_);
  for (size_t row = 0; row < size_; ++row) {
    if (IsNull(row)) {
      result.AppendNull();
      continue;
    }
    switch (to.id()) {
      case TypeId::kString:
        result.AppendString(GetValue(row).ToString(type_));
        break;
      case TypeId::kFloat64:
        result.Append<double>(static_cast<double>(data<int64_t>()[row]));
        break;
      case TypeId::kInt64:
        result.Append<int64_t>(data<uint8_t>()[row]);
        break;
      case TypeId::kDateTime:
        result.Append<int64_t>(int64_t{data<int32_t>()[row]} * 86400 * 1000000);
        break;
      case TypeId::kDecimal: {
        bool from_int = type_.id() == TypeId::kInt64;
        Int128 base = from_int ? Int128{data<int64_t>()[row]} : data<Int128>()[row];
        Int128 factor = PowerOfTen(to.scale() - (from_int ? 0 : type_.scale()));
        // Decimal(38, s) holds 38 digits, so a larger scale leaves fewer before the point.
        Int128 limit = (PowerOfTen(kDecimalPrecision) - 1) / factor;
        if (base > limit || base < -limit) {
          return InvalidArgument("value {} of type {} does not fit in {}",
                                 GetValue(row).ToString(type_), type_.ToString(), to.ToString());
        }
        result.Append<Int128>(base * factor);
        break;
      }
      default:
        return Internal("unhandled conversion {} -> {}", type_.ToString(), to.ToString());
    }
  }
  return result;
}

int Schema::FindField(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status Batch::Validate() const {
  if (columns.size() != schema.fields.size()) {
    return InvalidArgument("batch has {} columns but its schema has {}", columns.size(),
                           schema.fields.size());
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const Field& field = schema.fields[i];
    if (columns[i].type().WithNullable(false) != field.type.WithNullable(false)) {
      return InvalidArgument("column {} holds {} but the schema says {}", field.name,
                             columns[i].type().ToString(), field.type.ToString());
    }
    if (columns[i].size() != num_rows()) {
      return InvalidArgument("column {} has {} rows, column {} has {}", field.name,
                             columns[i].size(), schema.fields[0].name, num_rows());
    }
    if (!field.type.nullable() && columns[i].has_nulls()) {
      for (size_t row = 0; row < columns[i].size(); ++row) {
        if (columns[i].IsNull(row)) {
          return InvalidArgument("column {} is not Nullable but row {} is NULL", field.name, row);
        }
      }
    }
  }
  return Status::OK();
}

Batch Batch::Empty(const Schema& schema) {
  Batch batch{schema, {}};
  for (const Field& field : schema.fields) batch.columns.emplace_back(field.type);
  return batch;
}

}  // namespace larder
