#include "formats/parquet/delta_encoding.h"

#include <algorithm>

#include "formats/parquet/rle_bit_packed.h"

namespace larder::formats::parquet {
namespace {

// Bounds on the header, so that a hostile one cannot make the decoder allocate much.
constexpr uint64_t kMaxValuesPerMiniblock = 1 << 16;
constexpr uint64_t kMaxMiniblocksPerBlock = 1 << 16;

}  // namespace

Status DeltaBinaryPackedDecoder::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return Corruption("DELTA_BINARY_PACKED data ends early");
    const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return Status::OK();
    }
  }
  return Corruption("DELTA_BINARY_PACKED varint is malformed");
}

Status DeltaBinaryPackedDecoder::Init(std::string_view data) {
  data_ = data;
  pos_ = 0;
  uint64_t first_zigzag;
  LARDER_RETURN_IF_ERROR(ReadVarint(&values_per_block_));
  LARDER_RETURN_IF_ERROR(ReadVarint(&miniblocks_per_block_));
  LARDER_RETURN_IF_ERROR(ReadVarint(&total_values_));
  LARDER_RETURN_IF_ERROR(ReadVarint(&first_zigzag));
  if (miniblocks_per_block_ == 0 || miniblocks_per_block_ > kMaxMiniblocksPerBlock ||
      values_per_block_ % miniblocks_per_block_ != 0) {
    return Corruption("DELTA_BINARY_PACKED header has {} miniblocks in blocks of {} values",
                      miniblocks_per_block_, values_per_block_);
  }
  values_per_miniblock_ = values_per_block_ / miniblocks_per_block_;
  if (values_per_miniblock_ == 0 || values_per_miniblock_ % 8 != 0 ||
      values_per_miniblock_ > kMaxValuesPerMiniblock) {
    return Corruption("DELTA_BINARY_PACKED miniblocks of {} values are not supported",
                      values_per_miniblock_);
  }
  last_value_ = (first_zigzag >> 1) ^ (~(first_zigzag & 1) + 1);
  values_read_ = 0;
  bit_widths_.clear();
  miniblock_index_ = 0;
  deltas_.clear();
  delta_next_ = 0;
  return Status::OK();
}

Status DeltaBinaryPackedDecoder::NextBlock() {
  uint64_t min_delta_zigzag;
  LARDER_RETURN_IF_ERROR(ReadVarint(&min_delta_zigzag));
  min_delta_ = (min_delta_zigzag >> 1) ^ (~(min_delta_zigzag & 1) + 1);
  if (data_.size() - pos_ < miniblocks_per_block_) {
    return Corruption("DELTA_BINARY_PACKED block ends inside its bit widths");
  }
  bit_widths_.assign(data_.begin() + static_cast<ptrdiff_t>(pos_),
                     data_.begin() + static_cast<ptrdiff_t>(pos_ + miniblocks_per_block_));
  pos_ += miniblocks_per_block_;
  miniblock_index_ = 0;
  return Status::OK();
}

Status DeltaBinaryPackedDecoder::NextMiniblock() {
  if (bit_widths_.empty() || miniblock_index_ == bit_widths_.size()) {
    LARDER_RETURN_IF_ERROR(NextBlock());
  }
  const int bit_width = bit_widths_[miniblock_index_++];
  if (bit_width > 64) {
    return Corruption("DELTA_BINARY_PACKED miniblock has bit width {}", bit_width);
  }
  // Only the values still to come are unpacked; the padding after them is skipped.
  const uint64_t wanted = std::min(values_per_miniblock_, total_values_ - values_read_);
  const uint64_t full_bytes = values_per_miniblock_ * static_cast<uint64_t>(bit_width) / 8;
  const uint64_t needed_bytes = (wanted * static_cast<uint64_t>(bit_width) + 7) / 8;
  const uint64_t available = data_.size() - pos_;
  if (needed_bytes > available) return Corruption("DELTA_BINARY_PACKED miniblock ends early");
  deltas_.resize(static_cast<size_t>(wanted));
  const auto* bytes = reinterpret_cast<const uint8_t*>(data_.data()) + pos_;
  UnpackBits(bytes, static_cast<size_t>(needed_bytes), bit_width, 0, deltas_.size(),
             deltas_.data());
  for (uint64_t& delta : deltas_) delta += min_delta_;
  pos_ += static_cast<size_t>(std::min(full_bytes, available));
  delta_next_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder::GetValues(T* out, size_t count) {
  if (count > values_left()) {
    return Corruption("DELTA_BINARY_PACKED data holds {} more values, {} wanted", values_left(),
                      count);
  }
  size_t i = 0;
  if (count > 0 && values_read_ == 0) {
    out[i++] = static_cast<T>(last_value_);
    values_read_ = 1;
  }
  while (i < count) {
    if (delta_next_ == deltas_.size()) LARDER_RETURN_IF_ERROR(NextMiniblock());
    const size_t n = std::min(count - i, deltas_.size() - delta_next_);
    uint64_t value = last_value_;
    const uint64_t* deltas = deltas_.data() + delta_next_;
    for (size_t j = 0; j < n; ++j) {
      value += deltas[j];
      out[i + j] = static_cast<T>(value);
    }
    last_value_ = value;
    delta_next_ += n;
    values_read_ += n;
    i += n;
  }
  return Status::OK();
}

template Status DeltaBinaryPackedDecoder::GetValues(int32_t*, size_t);
template Status DeltaBinaryPackedDecoder::GetValues(int64_t*, size_t);

Result<size_t> DeltaBinaryPackedDecoder::Finish() {
  if (values_read_ == 0 && total_values_ > 0) values_read_ = 1;
  // The rest of the current miniblock, then whole miniblocks without unpacking them.
  values_read_ += deltas_.size() - delta_next_;
  delta_next_ = deltas_.size();
  while (values_read_ < total_values_) {
    if (bit_widths_.empty() || miniblock_index_ == bit_widths_.size()) {
      LARDER_RETURN_IF_ERROR(NextBlock());
    }
    const uint64_t bit_width = bit_widths_[miniblock_index_++];
    const uint64_t wanted = std::min(values_per_miniblock_, total_values_ - values_read_);
    const uint64_t full_bytes = values_per_miniblock_ * bit_width / 8;
    const uint64_t needed_bytes = (wanted * bit_width + 7) / 8;
    const uint64_t available = data_.size() - pos_;
    if (bit_width > 64 || needed_bytes > available) {
      return Corruption("DELTA_BINARY_PACKED miniblock ends early");
    }
    pos_ += static_cast<size_t>(std::min(full_bytes, available));
    values_read_ += wanted;
  }
  return pos_;
}

Status DeltaLengthByteArrayDecoder::Init(std::string_view data) {
  LARDER_RETURN_IF_ERROR(lengths_.Init(data));
  DeltaBinaryPackedDecoder skipper = lengths_;
  LARDER_ASSIGN_OR_RETURN(size_t lengths_end, skipper.Finish());
  bytes_ = data.substr(lengths_end);
  return Status::OK();
}

Status DeltaLengthByteArrayDecoder::Get(size_t count, std::vector<std::string_view>* values) {
  length_buffer_.resize(count);
  LARDER_RETURN_IF_ERROR(lengths_.Get(length_buffer_.data(), count));
  values->clear();
  values->reserve(count);
  for (int32_t length : length_buffer_) {
    if (length < 0 || static_cast<size_t>(length) > bytes_.size()) {
      return Corruption("DELTA_LENGTH_BYTE_ARRAY value of length {} runs past the data", length);
    }
    values->push_back(bytes_.substr(0, static_cast<size_t>(length)));
    bytes_.remove_prefix(static_cast<size_t>(length));
  }
  return Status::OK();
}

Status DeltaByteArrayDecoder::Init(std::string_view data) {
  LARDER_RETURN_IF_ERROR(prefixes_.Init(data));
  DeltaBinaryPackedDecoder skipper = prefixes_;
  LARDER_ASSIGN_OR_RETURN(size_t prefixes_end, skipper.Finish());
  LARDER_RETURN_IF_ERROR(suffixes_.Init(data.substr(prefixes_end)));
  previous_.clear();
  return Status::OK();
}

Status DeltaByteArrayDecoder::Get(size_t count, std::vector<std::string_view>* values,
                                  size_t max_bytes) {
  prefix_buffer_.resize(count);
  LARDER_RETURN_IF_ERROR(prefixes_.Get(prefix_buffer_.data(), count));
  LARDER_RETURN_IF_ERROR(suffixes_.Get(count, &suffix_buffer_));
  // Sizes first, so that the views into storage_ stay valid while it is filled.
  uint64_t total = 0;
  uint64_t previous_size = previous_.size();
  for (size_t i = 0; i < count; ++i) {
    const int32_t prefix = prefix_buffer_[i];
    if (prefix < 0 || static_cast<uint64_t>(prefix) > previous_size) {
      return Corruption("DELTA_BYTE_ARRAY prefix of {} bytes is longer than the previous value",
                        prefix);
    }
    previous_size = static_cast<uint64_t>(prefix) + suffix_buffer_[i].size();
    total += previous_size;
    if (total > max_bytes) {
      return ResourceExhausted("DELTA_BYTE_ARRAY values take more than {} bytes", max_bytes);
    }
  }
  storage_.clear();
  storage_.reserve(static_cast<size_t>(total));
  values->clear();
  values->reserve(count);
  std::string_view previous = previous_;
  for (size_t i = 0; i < count; ++i) {
    const size_t start = storage_.size();
    storage_.append(previous.substr(0, static_cast<size_t>(prefix_buffer_[i])));
    storage_.append(suffix_buffer_[i]);
    previous = std::string_view(storage_).substr(start);
    values->push_back(previous);
  }
  previous_.assign(previous);
  return Status::OK();
}

}  // namespace larder::formats::parquet
