#include "storage/integer_codec.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "storage/bit_packing.h"

namespace larder::storage {
namespace {

size_t VarintSize(uint64_t v) {
  size_t bytes = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++bytes;
  }
  return bytes;
}

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

struct IntegerStats {
  int64_t min = INT64_MAX;
  int64_t max = INT64_MIN;
  int64_t min_delta = INT64_MAX;
  int64_t max_delta = INT64_MIN;
  size_t runs = 0;
  size_t rle_bytes = 0;
};

IntegerStats Measure(const int64_t* values, size_t count) {
  IntegerStats stats;
  for (size_t i = 0; i < count; ++i) {
    stats.min = std::min(stats.min, values[i]);
    stats.max = std::max(stats.max, values[i]);
  }
  size_t run_start = 0;
  for (size_t i = 1; i <= count; ++i) {
    if (i < count) {
      int64_t delta = static_cast<int64_t>(static_cast<uint64_t>(values[i]) -
                                           static_cast<uint64_t>(values[i - 1]));
      stats.min_delta = std::min(stats.min_delta, delta);
      stats.max_delta = std::max(stats.max_delta, delta);
      if (values[i] == values[i - 1]) continue;
    }
    ++stats.runs;
    stats.rle_bytes += VarintSize(ZigZag(values[run_start])) + VarintSize(i - run_start);
    run_start = i;
  }
  return stats;
}

void EncodeFrameOfReference(const int64_t* values, size_t count, int64_t min, int width,
                            std::string* out) {
  BinaryWriter writer(out);
  writer.PutSignedVarint(min);
  writer.PutByte(static_cast<uint8_t>(width));
  std::vector<uint64_t> offsets(count);
  for (size_t i = 0; i < count; ++i) {
    offsets[i] = static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(min);
  }
  PackBits(offsets.data(), count, width, out);
}

void EncodeDelta(const int64_t* values, size_t count, int64_t min_delta, int width,
                 std::string* out) {
  BinaryWriter writer(out);
  writer.PutSignedVarint(values[0]);
  writer.PutSignedVarint(min_delta);
  writer.PutByte(static_cast<uint8_t>(width));
  std::vector<uint64_t> deltas(count - 1);
  for (size_t i = 1; i < count; ++i) {
    deltas[i - 1] = static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]) -
                    static_cast<uint64_t>(min_delta);
  }
  PackBits(deltas.data(), count - 1, width, out);
}

void EncodeRle(const int64_t* values, size_t count, size_t runs, std::string* out) {
  BinaryWriter writer(out);
  writer.PutVarint(runs);
  size_t run_start = 0;
  for (size_t i = 1; i <= count; ++i) {
    if (i < count && values[i] == values[i - 1]) continue;
    writer.PutSignedVarint(values[run_start]);
    writer.PutVarint(i - run_start);
    run_start = i;
  }
}

void EncodePlain(const int64_t* values, size_t count, int width, std::string* out) {
  size_t start = out->size();
  out->resize(start + count * static_cast<size_t>(width));
  char* dest = out->data() + start;
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(dest + i * static_cast<size_t>(width), &values[i], static_cast<size_t>(width));
  }
}

Status DecodeRle(BinaryReader* reader, size_t count, int64_t* out) {
  uint64_t runs;
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(count + 1, &runs));
  size_t filled = 0;
  for (uint64_t run = 0; run < runs; ++run) {
    int64_t value;
    uint64_t length;
    LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&value));
    LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(count - filled + 1, &length));
    std::fill(out + filled, out + filled + length, value);
    filled += length;
  }
  if (filled != count)
    return Corruption("{}: run lengths cover {} of {} rows", reader->what(), filled, count);
  return Status::OK();
}

Status ReadPacked(BinaryReader* reader, size_t count, int* width, const uint8_t** packed) {
  uint8_t bits;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&bits));
  if (bits > 64) return Corruption("{}: bit width {} out of range", reader->what(), bits);
  std::string_view bytes;
  LARDER_RETURN_IF_ERROR(reader->GetRaw(PackedSize(count, bits), &bytes));
  *width = bits;
  *packed = reinterpret_cast<const uint8_t*>(bytes.data());
  return Status::OK();
}

}  // namespace

void EncodeIntegers(const int64_t* values, size_t count, int plain_width, std::string* out) {
  IntegerStats stats = Measure(values, count);
  const size_t plain_size = count * static_cast<size_t>(plain_width);
  const int for_width =
      count == 0 ? 0
                 : BitWidth(static_cast<uint64_t>(stats.max) - static_cast<uint64_t>(stats.min));
  const size_t for_size = 11 + PackedSize(count, for_width);
  const int delta_width = count < 2 ? 0
                                    : BitWidth(static_cast<uint64_t>(stats.max_delta) -
                                               static_cast<uint64_t>(stats.min_delta));
  const size_t delta_size = count < 2 ? SIZE_MAX : 21 + PackedSize(count - 1, delta_width);
  const size_t rle_size = 10 + stats.rle_bytes;

  size_t best = std::min({plain_size, for_size, delta_size, rle_size});
  if (best == rle_size && count > 0) {
    out->push_back(static_cast<char>(IntegerEncoding::kRle));
    EncodeRle(values, count, stats.runs, out);
  } else if (best == for_size && count > 0) {
    out->push_back(static_cast<char>(IntegerEncoding::kFrameOfReference));
    EncodeFrameOfReference(values, count, stats.min, for_width, out);
  } else if (best == delta_size) {
    out->push_back(static_cast<char>(IntegerEncoding::kDelta));
    EncodeDelta(values, count, stats.min_delta, delta_width, out);
  } else {
    out->push_back(static_cast<char>(IntegerEncoding::kPlain));
    EncodePlain(values, count, plain_width, out);
  }
}

Status DecodeIntegers(BinaryReader* reader, size_t count, int plain_width, int64_t* out) {
  uint8_t encoding;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&encoding));
  switch (static_cast<IntegerEncoding>(encoding)) {
    case IntegerEncoding::kPlain: {
      std::string_view bytes;
      LARDER_RETURN_IF_ERROR(reader->GetRaw(count * static_cast<size_t>(plain_width), &bytes));
      if (plain_width == 8) {
        std::memcpy(out, bytes.data(), bytes.size());
        return Status::OK();
      }
      for (size_t i = 0; i < count; ++i) {
        int64_t v = 0;
        std::memcpy(&v, bytes.data() + i * static_cast<size_t>(plain_width),
                    static_cast<size_t>(plain_width));
        // Sign-extend narrow values.
        int shift = 64 - 8 * plain_width;
        out[i] = plain_width == 1 ? v : (v << shift) >> shift;
      }
      return Status::OK();
    }
    case IntegerEncoding::kFrameOfReference: {
      int64_t min;
      int width;
      const uint8_t* packed;
      LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&min));
      LARDER_RETURN_IF_ERROR(ReadPacked(reader, count, &width, &packed));
      UnpackBitsAdd(packed, count, width, static_cast<uint64_t>(min),
                    reinterpret_cast<uint64_t*>(out));
      return Status::OK();
    }
    case IntegerEncoding::kDelta: {
      int64_t first, min_delta;
      int width;
      const uint8_t* packed;
      if (count == 0) return Corruption("{}: delta encoding of an empty run", reader->what());
      LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&first));
      LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&min_delta));
      LARDER_RETURN_IF_ERROR(ReadPacked(reader, count - 1, &width, &packed));
      uint64_t* values = reinterpret_cast<uint64_t*>(out);
      UnpackBitsAdd(packed, count - 1, width, static_cast<uint64_t>(min_delta), values + 1);
      values[0] = static_cast<uint64_t>(first);
      for (size_t i = 1; i < count; ++i) values[i] += values[i - 1];
      return Status::OK();
    }
    case IntegerEncoding::kRle:
      return DecodeRle(reader, count, out);
  }
  return Corruption("{}: unknown integer encoding {}", reader->what(), encoding);
}

}  // namespace larder::storage
