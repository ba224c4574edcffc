#include "storage/bit_packing.h"

#include <cstring>
#include <utility>

namespace larder::storage {
namespace {

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

template <int W, typename Out>
void UnpackFixed(const uint8_t* packed, size_t count, uint64_t base, Out* out) {
  if constexpr (W == 0) {
    for (size_t i = 0; i < count; ++i) out[i] = static_cast<Out>(base);
  } else if constexpr (W <= 56) {
    constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
    for (size_t i = 0; i < count; ++i) {
      const size_t bit = i * W;
      out[i] = static_cast<Out>(base + ((Load64(packed + (bit >> 3)) >> (bit & 7)) & kMask));
    }
  } else {
    constexpr uint64_t kMask = W == 64 ? ~uint64_t{0} : (uint64_t{1} << W) - 1;
    for (size_t i = 0; i < count; ++i) {
      const size_t bit = i * W;
      const uint8_t* p = packed + (bit >> 3);
      const int shift = static_cast<int>(bit & 7);
      uint64_t low = Load64(p) >> shift;
      uint64_t high = shift == 0 ? 0 : uint64_t{p[8]} << (64 - shift);
      out[i] = static_cast<Out>(base + ((low | high) & kMask));
    }
  }
}

template <typename Out, size_t... Ws>
void Dispatch(std::index_sequence<Ws...>, int width, const uint8_t* packed, size_t count,
              uint64_t base, Out* out) {
  using Fn = void (*)(const uint8_t*, size_t, uint64_t, Out*);
  static constexpr Fn kTable[] = {&UnpackFixed<static_cast<int>(Ws), Out>...};
  kTable[width](packed, count, base, out);
}

}  // namespace

int BitWidth(uint64_t max_value) { return max_value == 0 ? 0 : 64 - __builtin_clzll(max_value); }

size_t PackedSize(size_t count, int width) {
  return (count * static_cast<size_t>(width) + 7) / 8 + 8;
}

void PackBits(const uint64_t* values, size_t count, int width, std::string* out) {
  size_t start = out->size();
  out->resize(start + PackedSize(count, width), '\0');
  if (width == 0) return;
  uint8_t* packed = reinterpret_cast<uint8_t*>(out->data() + start);
  for (size_t i = 0; i < count; ++i) {
    const size_t bit = i * static_cast<size_t>(width);
    uint8_t* p = packed + (bit >> 3);
    const int shift = static_cast<int>(bit & 7);
    uint64_t word = Load64(p) | (values[i] << shift);
    std::memcpy(p, &word, 8);
    if (shift + width > 64) p[8] = static_cast<uint8_t>(p[8] | (values[i] >> (64 - shift)));
  }
}

void UnpackBitsAdd(const uint8_t* packed, size_t count, int width, uint64_t base, uint64_t* out) {
  Dispatch(std::make_index_sequence<65>(), width, packed, count, base, out);
}

void UnpackBits32(const uint8_t* packed, size_t count, int width, uint32_t* out) {
  Dispatch(std::make_index_sequence<33>(), width, packed, count, 0, out);
}

}  // namespace larder::storage
