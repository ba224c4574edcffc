// ThriftCompactReader: reads values of Thrift's compact protocol — the encoding of Parquet's
// metadata — bounded against hostile input.
//
// The compact protocol, as used here:
//   struct     fields, then a 0 byte (STOP). A field starts with a byte: its high nibble is the
//              field id minus the previous field's id (1-15), or 0 followed by the id as a
//              zigzag varint; its low nibble is the type: 1/2 BOOL true/false (the value is the
//              type), 3 I8 (one byte), 4 I16, 5 I32, 6 I64 (zigzag varints), 7 DOUBLE (8 bytes
//              little-endian), 8 BINARY (varint length, bytes), 9 LIST, 10 SET, 11 MAP, 12 STRUCT.
//   list, set  a byte: high nibble the size (15: the size follows as a varint), low nibble the
//              element type; then the elements (booleans one byte each, 1 = true).
//   map        a varint size; when not 0, a byte with the key type (high) and value type (low);
//              then the pairs.
// Every length and count is checked against the bytes left, nesting is limited to kMaxThriftDepth
// and the number of structs to kMaxThriftStructs, so bad input gives kCorruption, never a crash or
// a large allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::formats::parquet {

inline constexpr int kMaxThriftDepth = 32;
inline constexpr uint64_t kMaxThriftStructs = 4'000'000;

// Compact-protocol wire types.
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kI8 = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Reads compact-protocol values from a byte range. Errors are kCorruption "malformed Thrift
// metadata: … at byte N".
class ThriftCompactReader {
 public:
  explicit ThriftCompactReader(std::string_view data) : data_(data) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }

  // Calls `on_field(id, type)` for each field of a struct until STOP; `on_field` must read or
  // skip the field's value.
  template <typename OnField>
  Status ReadStruct(OnField&& on_field) {
    LARDER_RETURN_IF_ERROR(EnterStruct());
    int16_t last_id = 0;
    for (;;) {
      int16_t id;
      ThriftType type;
      LARDER_RETURN_IF_ERROR(ReadFieldHeader(&last_id, &id, &type));
      if (type == ThriftType::kStop) break;
      LARDER_RETURN_IF_ERROR(on_field(id, type));
    }
    --depth_;
    return Status::OK();
  }

  // Typed reads of a field's value; `type` is the field's wire type, checked.
  Status ReadBool(ThriftType type, bool* value);
  Status ReadI32(ThriftType type, int32_t* value);
  Status ReadI64(ThriftType type, int64_t* value);
  Status ReadBinary(ThriftType type, std::string* value);
  Status ReadBinaryView(ThriftType type, std::string_view* value);
  // A list's (or set's) header; `size` is at most remaining(), so callers may loop over it.
  Status ReadListHeader(ThriftType type, ThriftType* element_type, uint32_t* size);
  // A list element of `element_type`, read with the typed functions above (booleans in lists
  // are one byte each).
  Status ReadListBool(bool* value);
  // Checks that a field meant to hold a struct does.
  Status ExpectStruct(ThriftType type);
  Status Skip(ThriftType type);

  Status Error(std::string_view what) const;

 private:
  Status EnterStruct();
  Status ReadFieldHeader(int16_t* last_id, int16_t* id, ThriftType* type);
  Status ReadVarint(uint64_t* value);
  Status ReadZigZag(int64_t* value);
  Status SkipValue(ThriftType type, int depth);

  std::string_view data_;
  size_t pos_ = 0;
  int depth_ = 0;
  uint64_t structs_ = 0;
  // The value of the last boolean field, carried by its header's type.
  bool pending_bool_ = false;
};

}  // namespace larder::formats::parquet
