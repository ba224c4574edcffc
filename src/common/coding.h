// Little-endian binary encoding used by every on-disk structure: fixed-width integers, LEB128
// varints, zigzag for signed values, length-prefixed bytes. The reader checks every bound.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder {

class BinaryWriter {
 public:
  explicit BinaryWriter(std::string* out) : out_(out) {}
  void PutFixed32(uint32_t v) { out_->append(reinterpret_cast<const char*>(&v), 4); }
  void PutFixed64(uint64_t v) { out_->append(reinterpret_cast<const char*>(&v), 8); }
  void PutByte(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void PutVarint(uint64_t v) {
    while (v >= 0x80) {
      out_->push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_->push_back(static_cast<char>(v));
  }
  void PutSignedVarint(int64_t v) {
    PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void PutBytes(std::string_view bytes) {
    PutVarint(bytes.size());
    out_->append(bytes);
  }
  void PutRaw(std::string_view bytes) { out_->append(bytes); }
  size_t size() const { return out_->size(); }

 private:
  std::string* out_;
};

// Reads what BinaryWriter wrote. Every getter fails with kCorruption naming `what` (e.g. the file)
// instead of reading past the end.
class BinaryReader {
 public:
  BinaryReader(std::string_view data, std::string_view what) : data_(data), what_(what) {}

  Status GetFixed32(uint32_t* v) { return GetFixed(v); }
  Status GetFixed64(uint64_t* v) { return GetFixed(v); }
  Status GetByte(uint8_t* v) { return GetFixed(v); }
  Status GetVarint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      if (pos_ >= data_.size()) return Truncated();
      uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
      // The tenth byte holds only bit 63; anything more would be silently dropped.
      if (shift == 63 && byte > 1) break;
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        *v = result;
        return Status::OK();
      }
    }
    return Corruption("{}: malformed varint at byte {}", what_, pos_);
  }
  Status GetSignedVarint(int64_t* v) {
    uint64_t raw;
    LARDER_RETURN_IF_ERROR(GetVarint(&raw));
    *v = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
    return Status::OK();
  }
  Status GetBytes(std::string_view* bytes) {
    uint64_t length;
    LARDER_RETURN_IF_ERROR(GetVarint(&length));
    return GetRaw(length, bytes);
  }
  Status GetString(std::string* s) {
    std::string_view view;
    LARDER_RETURN_IF_ERROR(GetBytes(&view));
    s->assign(view);
    return Status::OK();
  }
  Status GetRaw(uint64_t length, std::string_view* bytes) {
    if (length > data_.size() - pos_) return Truncated();
    *bytes = data_.substr(pos_, length);
    pos_ += length;
    return Status::OK();
  }
  // Reads a varint and checks it is below `limit` (a count or an enum).
  Status GetBoundedVarint(uint64_t limit, uint64_t* v) {
    LARDER_RETURN_IF_ERROR(GetVarint(v));
    if (*v >= limit) return Corruption("{}: value {} out of range at byte {}", what_, *v, pos_);
    return Status::OK();
  }
  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  std::string_view what() const { return what_; }

 private:
  template <typename T>
  Status GetFixed(T* v) {
    if (sizeof(T) > data_.size() - pos_) return Truncated();
    std::memcpy(v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return Status::OK();
  }
  Status Truncated() const {
    return Corruption("{}: truncated at byte {} of {}", what_, pos_, data_.size());
  }

  std::string_view data_;
  std::string_view what_;
  size_t pos_ = 0;
};

}  // namespace larder
