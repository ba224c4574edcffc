#include "formats/parquet/page_values.h"

#include <cstring>
#include <type_traits>

namespace larder::formats::parquet {

std::string EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain:
      return "PLAIN";
    case Encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case Encoding::kRle:
      return "RLE";
    case Encoding::kBitPacked:
      return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
  }
  return fmt::format("encoding {}", static_cast<int32_t>(encoding));
}

std::string PhysicalTypeName(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean:
      return "BOOLEAN";
    case PhysicalType::kInt32:
      return "INT32";
    case PhysicalType::kInt64:
      return "INT64";
    case PhysicalType::kInt96:
      return "INT96";
    case PhysicalType::kFloat:
      return "FLOAT";
    case PhysicalType::kDouble:
      return "DOUBLE";
    case PhysicalType::kByteArray:
      return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray:
      return "FIXED_LEN_BYTE_ARRAY";
  }
  return fmt::format("physical type {}", static_cast<int32_t>(type));
}

namespace {

size_t FixedWidth(PhysicalType physical, int32_t type_length) {
  switch (physical) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<size_t>(std::max(type_length, 0));
    default:
      return 0;
  }
}

bool ValidFor(Encoding encoding, PhysicalType physical) {
  switch (encoding) {
    case Encoding::kPlain:
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary:
      return true;
    case Encoding::kRle:
      return physical == PhysicalType::kBoolean;
    case Encoding::kDeltaBinaryPacked:
      return physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64;
    case Encoding::kDeltaLengthByteArray:
      return physical == PhysicalType::kByteArray;
    case Encoding::kDeltaByteArray:
      return physical == PhysicalType::kByteArray || physical == PhysicalType::kFixedLenByteArray;
    case Encoding::kByteStreamSplit:
      return physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64 ||
             physical == PhysicalType::kFloat || physical == PhysicalType::kDouble ||
             physical == PhysicalType::kFixedLenByteArray;
    default:
      return false;
  }
}

}  // namespace

Status PageValueDecoder::Init(Encoding encoding, PhysicalType physical, int32_t type_length,
                              std::string_view data) {
  encoding_ = encoding;
  physical_ = physical;
  width_ = FixedWidth(physical, type_length);
  data_ = data;
  pos_ = 0;
  dictionary_indices_ = false;
  const int32_t raw = static_cast<int32_t>(encoding);
  if (raw < 0 || raw == 1 || raw > static_cast<int32_t>(Encoding::kByteStreamSplit)) {
    return NotImplemented("{} is not supported", EncodingName(encoding));
  }
  if (!ValidFor(encoding, physical)) {
    return Corruption("{} is not a valid encoding for {} values", EncodingName(encoding),
                      PhysicalTypeName(physical));
  }
  switch (encoding) {
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (data.empty()) return Corruption("dictionary-encoded page has no bit width");
      const int bit_width = static_cast<uint8_t>(data[0]);
      if (bit_width > 32) return Corruption("dictionary indices of {} bits", bit_width);
      rle_ = RleBitPackedDecoder(data.substr(1), bit_width);
      dictionary_indices_ = true;
      return Status::OK();
    }
    case Encoding::kRle: {
      uint32_t length = 0;
      if (data.size() < 4) return Corruption("RLE booleans lack their length");
      std::memcpy(&length, data.data(), 4);
      if (length > data.size() - 4) {
        return Corruption("RLE booleans claim {} bytes but the page has {}", length,
                          data.size() - 4);
      }
      rle_ = RleBitPackedDecoder(data.substr(4, length), 1);
      return Status::OK();
    }
    case Encoding::kDeltaBinaryPacked:
      return delta_.Init(data);
    case Encoding::kDeltaLengthByteArray:
      return delta_length_.Init(data);
    case Encoding::kDeltaByteArray:
      return delta_bytes_.Init(data);
    case Encoding::kByteStreamSplit:
      if (width_ == 0 || data.size() % width_ != 0) {
        return Corruption("BYTE_STREAM_SPLIT data of {} bytes does not hold {}-byte values",
                          data.size(), width_);
      }
      stream_count_ = data.size() / width_;
      return Status::OK();
    default:
      return Status::OK();
  }
}

Status PageValueDecoder::Truncated(size_t count) const {
  return Corruption("the page's {} values end before the {} more wanted", EncodingName(encoding_),
                    count);
}

Status PageValueDecoder::GetBools(uint8_t* out, size_t count) {
  if (encoding_ == Encoding::kRle) return rle_.Get(out, count);
  // PLAIN: pos_ counts bits.
  if ((pos_ + count + 7) / 8 > data_.size()) return Truncated(count);
  UnpackBits(reinterpret_cast<const uint8_t*>(data_.data()), data_.size(), 1, pos_, count, out);
  pos_ += count;
  return Status::OK();
}

template <typename T>
Status PageValueDecoder::GetFixed(T* out, size_t count) {
  if (count == 0) return Status::OK();  // `out` may be null then.
  if (encoding_ == Encoding::kPlain) {
    if (count > (data_.size() - pos_) / sizeof(T)) return Truncated(count);
    std::memcpy(static_cast<void*>(out), data_.data() + pos_, count * sizeof(T));
    pos_ += count * sizeof(T);
    return Status::OK();
  }
  if (encoding_ == Encoding::kByteStreamSplit) {
    if (count > stream_count_ - pos_) return Truncated(count);
    auto* bytes = reinterpret_cast<uint8_t*>(out);
    for (size_t stream = 0; stream < sizeof(T); ++stream) {
      const char* in = data_.data() + stream * stream_count_ + pos_;
      for (size_t i = 0; i < count; ++i)
        bytes[i * sizeof(T) + stream] = static_cast<uint8_t>(in[i]);
    }
    pos_ += count;
    return Status::OK();
  }
  if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    if (encoding_ == Encoding::kDeltaBinaryPacked) return delta_.Get(out, count);
  }
  return Corruption("{} values cannot be read as {}", PhysicalTypeName(physical_),
                    EncodingName(encoding_));
}

template Status PageValueDecoder::GetFixed(int32_t*, size_t);
template Status PageValueDecoder::GetFixed(int64_t*, size_t);
template Status PageValueDecoder::GetFixed(float*, size_t);
template Status PageValueDecoder::GetFixed(double*, size_t);
template Status PageValueDecoder::GetFixed(Int96*, size_t);

Status PageValueDecoder::GetBytes(size_t count, std::vector<std::string_view>* out,
                                  size_t max_bytes) {
  out->clear();
  switch (encoding_) {
    case Encoding::kDeltaLengthByteArray:
      return delta_length_.Get(count, out);
    case Encoding::kDeltaByteArray:
      return delta_bytes_.Get(count, out, max_bytes);
    case Encoding::kByteStreamSplit: {
      if (count > stream_count_ - pos_) return Truncated(count);
      gathered_.resize(count * width_);
      for (size_t stream = 0; stream < width_; ++stream) {
        const char* in = data_.data() + stream * stream_count_ + pos_;
        for (size_t i = 0; i < count; ++i) gathered_[i * width_ + stream] = in[i];
      }
      pos_ += count;
      out->reserve(count);
      for (size_t i = 0; i < count; ++i) {
        out->push_back(std::string_view(gathered_).substr(i * width_, width_));
      }
      return Status::OK();
    }
    default:
      break;
  }
  if (encoding_ != Encoding::kPlain) {
    return Corruption("{} values cannot be read as {}", PhysicalTypeName(physical_),
                      EncodingName(encoding_));
  }
  out->reserve(count);
  if (physical_ == PhysicalType::kFixedLenByteArray) {
    if (width_ > 0 && count > (data_.size() - pos_) / width_) return Truncated(count);
    for (size_t i = 0; i < count; ++i, pos_ += width_) out->push_back(data_.substr(pos_, width_));
    return Status::OK();
  }
  for (size_t i = 0; i < count; ++i) {
    uint32_t length;
    if (data_.size() - pos_ < 4) return Truncated(count - i);
    std::memcpy(&length, data_.data() + pos_, 4);
    pos_ += 4;
    if (length > data_.size() - pos_) {
      return Corruption("PLAIN byte array of {} bytes runs past the page's end", length);
    }
    out->push_back(data_.substr(pos_, length));
    pos_ += length;
  }
  return Status::OK();
}

Status PageValueDecoder::GetIndices(uint32_t* out, size_t count) {
  if (!dictionary_indices_) return Corruption("the page is not dictionary-encoded");
  return rle_.Get(out, count);
}

}  // namespace larder::formats::parquet
