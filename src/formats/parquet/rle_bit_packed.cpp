#include "formats/parquet/rle_bit_packed.h"

#include <algorithm>
#include <cstring>

namespace larder::formats::parquet {
namespace {

// Little-endian load of up to 8 bytes at data[byte…), zero past data_bytes.
inline uint64_t LoadWord(const uint8_t* data, size_t data_bytes, size_t byte) {
  uint64_t word = 0;
  if (byte + 8 <= data_bytes) {
    std::memcpy(&word, data + byte, 8);
  } else if (byte < data_bytes) {
    std::memcpy(&word, data + byte, data_bytes - byte);
  }
  return word;
}

template <typename T>
void UnpackBitsImpl(const uint8_t* data, size_t data_bytes, int bit_width, size_t first,
                    size_t count, T* out) {
  if (bit_width == 0) {
    std::fill(out, out + count, T{0});
    return;
  }
  if (bit_width == 1 && first % 8 == 0) {
    // Levels of optional columns and booleans: eight values a byte.
    const uint8_t* bytes = data + first / 8;
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
      const uint8_t byte = bytes[i / 8];
      for (int bit = 0; bit < 8; ++bit) out[i + bit] = static_cast<T>((byte >> bit) & 1);
    }
    for (; i < count; ++i) out[i] = static_cast<T>((bytes[i / 8] >> (i % 8)) & 1);
    return;
  }
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  size_t bit = first * static_cast<size_t>(bit_width);
  for (size_t i = 0; i < count; ++i, bit += static_cast<size_t>(bit_width)) {
    const size_t byte = bit >> 3;
    const int shift = static_cast<int>(bit & 7);
    uint64_t value = LoadWord(data, data_bytes, byte) >> shift;
    if (shift + bit_width > 64 && byte + 8 < data_bytes) {
      value |= static_cast<uint64_t>(data[byte + 8]) << (64 - shift);
    }
    out[i] = static_cast<T>(value & mask);
  }
}

}  // namespace

void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint64_t* out) {
  UnpackBitsImpl(data, data_bytes, bit_width, first, count, out);
}
void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint32_t* out) {
  UnpackBitsImpl(data, data_bytes, bit_width, first, count, out);
}
void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint8_t* out) {
  UnpackBitsImpl(data, data_bytes, bit_width, first, count, out);
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= data_.size()) return Corruption("RLE / bit-packed data ends early");
    if (shift > 63) return Corruption("RLE / bit-packed run header is malformed");
    const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    header |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  const uint64_t available = data_.size() - pos_;
  if (header & 1) {
    const uint64_t groups = std::min<uint64_t>(header >> 1, uint64_t{1} << 56);
    in_rle_ = false;
    if (bit_width_ == 0) {
      run_left_ = groups * 8;
      packed_bytes_ = 0;
    } else {
      // A group of eight values takes bit_width bytes.
      const uint64_t bytes = std::min(groups, available) * static_cast<uint64_t>(bit_width_);
      packed_bytes_ = static_cast<size_t>(std::min(bytes, available));
      run_left_ = std::min(groups * 8, packed_bytes_ * 8 / static_cast<uint64_t>(bit_width_));
    }
    packed_ = reinterpret_cast<const uint8_t*>(data_.data()) + pos_;
    packed_next_ = 0;
    pos_ += packed_bytes_;
    return Status::OK();
  }
  const size_t value_bytes = static_cast<size_t>(bit_width_ + 7) / 8;
  if (value_bytes > available) return Corruption("RLE / bit-packed data ends inside a run");
  uint32_t value = 0;
  std::memcpy(&value, data_.data() + pos_, value_bytes);
  pos_ += value_bytes;
  in_rle_ = true;
  rle_value_ = value;
  run_left_ = header >> 1;
  return Status::OK();
}

template <typename T>
Status RleBitPackedDecoder::GetValues(T* out, size_t count) {
  while (count > 0) {
    if (run_left_ == 0) {
      LARDER_RETURN_IF_ERROR(NextRun());
      continue;
    }
    const size_t n = static_cast<size_t>(std::min<uint64_t>(count, run_left_));
    if (in_rle_) {
      if (rle_value_ > static_cast<uint32_t>(static_cast<T>(~T{0}))) {
        return Corruption("RLE value {} is out of range", rle_value_);
      }
      std::fill(out, out + n, static_cast<T>(rle_value_));
    } else {
      UnpackBits(packed_, packed_bytes_, bit_width_, packed_next_, n, out);
      packed_next_ += n;
    }
    run_left_ -= n;
    out += n;
    count -= n;
  }
  return Status::OK();
}

template Status RleBitPackedDecoder::GetValues(uint8_t*, size_t);
template Status RleBitPackedDecoder::GetValues(uint32_t*, size_t);

Status RleBitPackedDecoder::Skip(size_t count) {
  while (count > 0) {
    if (run_left_ == 0) {
      LARDER_RETURN_IF_ERROR(NextRun());
      continue;
    }
    const size_t n = static_cast<size_t>(std::min<uint64_t>(count, run_left_));
    if (!in_rle_) packed_next_ += n;
    run_left_ -= n;
    count -= n;
  }
  return Status::OK();
}

Status DecodeLegacyBitPacked(std::string_view data, int bit_width, size_t count, uint8_t* out,
                             size_t* used) {
  const uint64_t bits = static_cast<uint64_t>(count) * static_cast<uint64_t>(bit_width);
  const uint64_t bytes = (bits + 7) / 8;
  if (bytes > data.size()) {
    return Corruption("BIT_PACKED levels need {} bytes but the page has {}", bytes, data.size());
  }
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  size_t bit = 0;
  for (size_t i = 0; i < count; ++i) {
    uint8_t value = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      value = static_cast<uint8_t>((value << 1) | ((in[bit >> 3] >> (7 - (bit & 7))) & 1));
    }
    out[i] = value;
  }
  *used = static_cast<size_t>(bytes);
  return Status::OK();
}

}  // namespace larder::formats::parquet
