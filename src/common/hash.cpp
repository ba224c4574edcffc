#include "common/hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace larder {

uint64_t Checksum64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

}  // namespace larder
