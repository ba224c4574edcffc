// SipHash-2-4 (Aumasson and Bernstein), which ClickHouse's sipHash64 computes with a zero key.
#pragma once

#include <cstddef>
#include <cstdint>

namespace larder::functions {

// SipHash-2-4 of `size` bytes at `data` under the 128-bit key (key0, key1), each half read as a
// little-endian word as the reference does.
uint64_t SipHash64(uint64_t key0, uint64_t key1, const char* data, size_t size);

}  // namespace larder::functions
