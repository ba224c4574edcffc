// CityHash64 as ClickHouse computes cityHash64: Google's CityHash version 1.0.2 (later
// CityHash versions give different values), written from the published algorithm description.
#pragma once

#include <cstddef>
#include <cstdint>

namespace larder::functions {

// CityHash64 (v1.0.2) of `size` bytes at `data`.
uint64_t CityHash64(const char* data, size_t size);

// CityHash's Hash128to64: folds two 64-bit values into one. ClickHouse combines the hashes of
// cityHash64's arguments with it: Hash128to64(previous, next).
uint64_t CityHash128To64(uint64_t low, uint64_t high);

}  // namespace larder::functions
