// Encoding of one column block (a run of rows of one column) to bytes and back. Part of the part
// file format (part_format.h); the compression around it is applied by the part writer.
//
// Encoded block, version 1:
//   byte   flags            bit 0: the block has NULLs
//   [bytes ceil(rows/8)]    NULL bitmap, bit i set = row i is NULL (only when bit 0 is set);
//                           NULL rows hold 0 / "" / [] in the payload below
//   byte   encoding         BlockEncoding
//   payload, by type and encoding:
//     Bool, Int64, DateTime, Date   kInteger: an integer run (integer_codec.h), plain width 1/8/8/4
//     Float64, Decimal, UUID        kPlain: 8 or 16 bytes per value, little-endian
//     String, JSON                  kPlain: integer run of lengths, then the bytes
//                                   kDictionary: varint entries, integer run of entry lengths,
//                                   entry bytes, byte code width, bit-packed codes
//     Array(T)                      kPlain: integer run of element counts, then the elements as
//                                   one encoded block of T (recursively)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/column_vector.h"

namespace larder::storage {

enum class BlockEncoding : uint8_t { kPlain = 0, kDictionary = 1, kInteger = 2 };

// Appends the encoding of rows [start, start + count) of `column` to `out`.
void EncodeBlock(const ColumnVector& column, size_t start, size_t count, std::string* out);

// Decodes a block of `row_count` rows of `type`. String blocks stored with a dictionary come
// back as dictionary vectors. Errors are kCorruption prefixed with `what`.
// With `rows` (ascending row numbers), only those rows come back, in that order: plain string
// blocks copy only their strings (late materialization: a filter's survivors of a wide JSON
// column), other blocks are decoded whole and then picked from.
Result<ColumnVector> DecodeBlock(std::string_view bytes, const LogicalType& type, size_t row_count,
                                 std::string_view what,
                                 const std::vector<uint32_t>* rows = nullptr);

}  // namespace larder::storage
