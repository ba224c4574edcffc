#include "formats/parquet/thrift_compact_reader.h"

#include <cstring>

namespace larder::formats::parquet {

Status ThriftCompactReader::Error(std::string_view what) const {
  return Corruption("malformed Thrift metadata: {} at byte {}", what, pos_);
}

Status ThriftCompactReader::EnterStruct() {
  if (++depth_ > kMaxThriftDepth) return Error("structs nested too deeply");
  if (++structs_ > kMaxThriftStructs) return Error("too many structs");
  return Status::OK();
}

Status ThriftCompactReader::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return Error("truncated varint");
    const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return Status::OK();
    }
  }
  return Error("varint longer than 10 bytes");
}

Status ThriftCompactReader::ReadZigZag(int64_t* value) {
  uint64_t raw;
  LARDER_RETURN_IF_ERROR(ReadVarint(&raw));
  *value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
  return Status::OK();
}

Status ThriftCompactReader::ReadFieldHeader(int16_t* last_id, int16_t* id, ThriftType* type) {
  if (pos_ >= data_.size()) return Error("truncated struct");
  const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
  const uint8_t type_bits = byte & 0x0f;
  if (type_bits == 0) {
    *type = ThriftType::kStop;
    return Status::OK();
  }
  if (type_bits > static_cast<uint8_t>(ThriftType::kStruct)) return Error("unknown field type");
  *type = static_cast<ThriftType>(type_bits);
  const int delta = byte >> 4;
  if (delta != 0) {
    *id = static_cast<int16_t>(*last_id + delta);
  } else {
    int64_t wide;
    LARDER_RETURN_IF_ERROR(ReadZigZag(&wide));
    if (wide < INT16_MIN || wide > INT16_MAX) return Error("field id out of range");
    *id = static_cast<int16_t>(wide);
  }
  *last_id = *id;
  if (*type == ThriftType::kBoolTrue || *type == ThriftType::kBoolFalse) {
    pending_bool_ = *type == ThriftType::kBoolTrue;
  }
  return Status::OK();
}

Status ThriftCompactReader::ReadBool(ThriftType type, bool* value) {
  if (type != ThriftType::kBoolTrue && type != ThriftType::kBoolFalse) {
    return Error("expected a boolean field");
  }
  *value = pending_bool_;
  return Status::OK();
}

Status ThriftCompactReader::ReadListBool(bool* value) {
  if (pos_ >= data_.size()) return Error("truncated list");
  *value = data_[pos_++] == 1;
  return Status::OK();
}

Status ThriftCompactReader::ReadI32(ThriftType type, int32_t* value) {
  if (type == ThriftType::kI8) {
    if (pos_ >= data_.size()) return Error("truncated byte");
    *value = static_cast<int8_t>(data_[pos_++]);
    return Status::OK();
  }
  if (type != ThriftType::kI16 && type != ThriftType::kI32) return Error("expected an i32 field");
  int64_t wide;
  LARDER_RETURN_IF_ERROR(ReadZigZag(&wide));
  if (wide < INT32_MIN || wide > INT32_MAX) return Error("i32 out of range");
  *value = static_cast<int32_t>(wide);
  return Status::OK();
}

Status ThriftCompactReader::ReadI64(ThriftType type, int64_t* value) {
  if (type != ThriftType::kI64) {
    int32_t narrow;
    LARDER_RETURN_IF_ERROR(ReadI32(type, &narrow));
    *value = narrow;
    return Status::OK();
  }
  return ReadZigZag(value);
}

Status ThriftCompactReader::ReadBinaryView(ThriftType type, std::string_view* value) {
  if (type != ThriftType::kBinary) return Error("expected a binary field");
  uint64_t length;
  LARDER_RETURN_IF_ERROR(ReadVarint(&length));
  if (length > remaining()) return Error("binary longer than the bytes left");
  *value = data_.substr(pos_, length);
  pos_ += length;
  return Status::OK();
}

Status ThriftCompactReader::ReadBinary(ThriftType type, std::string* value) {
  std::string_view view;
  LARDER_RETURN_IF_ERROR(ReadBinaryView(type, &view));
  value->assign(view);
  return Status::OK();
}

Status ThriftCompactReader::ReadListHeader(ThriftType type, ThriftType* element_type,
                                           uint32_t* size) {
  if (type != ThriftType::kList && type != ThriftType::kSet) return Error("expected a list");
  if (pos_ >= data_.size()) return Error("truncated list header");
  const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
  const uint8_t element_bits = byte & 0x0f;
  if (element_bits == 0 || element_bits > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Error("unknown list element type");
  }
  *element_type = static_cast<ThriftType>(element_bits);
  uint64_t count = byte >> 4;
  if (count == 15) LARDER_RETURN_IF_ERROR(ReadVarint(&count));
  // Every element takes at least one byte.
  if (count > remaining()) return Error("list longer than the bytes left");
  *size = static_cast<uint32_t>(count);
  return Status::OK();
}

Status ThriftCompactReader::ExpectStruct(ThriftType type) {
  if (type != ThriftType::kStruct) return Error("expected a struct field");
  return Status::OK();
}

Status ThriftCompactReader::Skip(ThriftType type) { return SkipValue(type, depth_); }

Status ThriftCompactReader::SkipValue(ThriftType type, int depth) {
  if (depth > kMaxThriftDepth) return Error("values nested too deeply");
  switch (type) {
    case ThriftType::kStop:
      return Error("unexpected STOP");
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::OK();
    case ThriftType::kI8:
      if (pos_ >= data_.size()) return Error("truncated byte");
      ++pos_;
      return Status::OK();
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: {
      uint64_t ignored;
      return ReadVarint(&ignored);
    }
    case ThriftType::kDouble:
      if (remaining() < 8) return Error("truncated double");
      pos_ += 8;
      return Status::OK();
    case ThriftType::kBinary: {
      std::string_view ignored;
      return ReadBinaryView(type, &ignored);
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftType element_type;
      uint32_t size;
      LARDER_RETURN_IF_ERROR(ReadListHeader(type, &element_type, &size));
      for (uint32_t i = 0; i < size; ++i) {
        if (element_type == ThriftType::kBoolTrue || element_type == ThriftType::kBoolFalse) {
          bool ignored;
          LARDER_RETURN_IF_ERROR(ReadListBool(&ignored));
        } else {
          LARDER_RETURN_IF_ERROR(SkipValue(element_type, depth + 1));
        }
      }
      return Status::OK();
    }
    case ThriftType::kMap: {
      uint64_t size;
      LARDER_RETURN_IF_ERROR(ReadVarint(&size));
      if (size == 0) return Status::OK();
      if (size > remaining()) return Error("map longer than the bytes left");
      if (pos_ >= data_.size()) return Error("truncated map header");
      const uint8_t types = static_cast<uint8_t>(data_[pos_++]);
      const auto key_type = static_cast<ThriftType>(types >> 4);
      const auto value_type = static_cast<ThriftType>(types & 0x0f);
      if (types >> 4 > 12 || (types & 0x0f) > 12) return Error("unknown map element type");
      for (uint64_t i = 0; i < size; ++i) {
        for (ThriftType element : {key_type, value_type}) {
          if (element == ThriftType::kBoolTrue || element == ThriftType::kBoolFalse) {
            bool ignored;
            LARDER_RETURN_IF_ERROR(ReadListBool(&ignored));
          } else {
            LARDER_RETURN_IF_ERROR(SkipValue(element, depth + 1));
          }
        }
      }
      return Status::OK();
    }
    case ThriftType::kStruct:
      return ReadStruct(
          [this](int16_t, ThriftType field_type) { return SkipValue(field_type, depth_); });
  }
  return Error("unknown type");
}

}  // namespace larder::formats::parquet
