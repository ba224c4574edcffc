// Fast non-cryptographic hashing for checksums and hash tables (XXH3 from libxxhash).
#pragma once

#include <cstdint>
#include <string_view>

namespace larder {

// 64-bit checksum of `data`, stable across versions and machines (it is stored on disk).
uint64_t Checksum64(std::string_view data);
uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);

}  // namespace larder
