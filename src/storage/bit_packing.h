// Bit packing of unsigned integers at a fixed width (0 to 64 bits), the base of the
// frame-of-reference, delta and dictionary-code encodings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace larder::storage {

// Smallest width that holds `max_value`.
int BitWidth(uint64_t max_value);
// Bytes PackBits appends for `count` values of `width` bits (including 8 bytes of padding that
// let the unpacker use unaligned 64-bit loads).
size_t PackedSize(size_t count, int width);
// Appends `count` values, each < 2^width, LSB-first.
void PackBits(const uint64_t* values, size_t count, int width, std::string* out);
// Reads `count` values of `width` bits and writes `base + value` to out[i].
// REQUIRES: `packed` holds PackedSize(count, width) bytes.
void UnpackBitsAdd(const uint8_t* packed, size_t count, int width, uint64_t base, uint64_t* out);
// The same, into 32-bit outputs (dictionary codes). REQUIRES: width <= 32.
void UnpackBits32(const uint8_t* packed, size_t count, int width, uint32_t* out);

}  // namespace larder::storage
