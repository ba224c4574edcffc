// Encodings of a run of 64-bit integers inside a column block: plain, frame-of-reference
// (bit-packed offsets from the minimum), delta (bit-packed differences) and run-length.
// The encoder measures each and keeps the smallest.
#pragma once

#include <cstdint>
#include <string>

#include "common/coding.h"
#include "common/status.h"

namespace larder::storage {

// Stored as one byte at the start of every encoded integer run (see block_codec.h).
enum class IntegerEncoding : uint8_t {
  kPlain = 0,             // `width` bytes per value, little-endian.
  kFrameOfReference = 2,  // varint min (zigzag), byte bits, packed (value - min).
  kDelta = 3,             // varint first, varint min delta, byte bits, packed (delta - min delta).
  kRle = 4,               // varint runs, then per run: varint value (zigzag), varint length.
};

// Appends [encoding byte][payload] for `count` values. `plain_width` (1, 4 or 8) is the byte
// width the plain encoding uses; values must fit in it.
void EncodeIntegers(const int64_t* values, size_t count, int plain_width, std::string* out);
// Reads what EncodeIntegers wrote into out[0..count).
Status DecodeIntegers(BinaryReader* reader, size_t count, int plain_width, int64_t* out);

}  // namespace larder::storage
