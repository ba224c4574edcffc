// The part file: an immutable file holding some rows of a table, column by column, in blocks.
// Written by part_writer.cpp, read by part_reader.cpp.
//
// Part file, format version 1 (all integers little-endian; varint = LEB128):
//   8 bytes   magic "LRDPART1"
//   ...       stored blocks, column by column, each column's blocks in row order; a stored
//             block is an encoded block (block_codec.h), compressed or not
//   N bytes   footer:
//               varint  format version (1)
//               varint  row count
//               varint  block count B, then B varints: rows in each block (shared by all columns)
//               varint  column count, then per column:
//                 varint column id, bytes name, type (LogicalType::Serialize),
//                 then per block: varint offset, varint stored size, varint uncompressed size,
//                 byte compression, fixed64 checksum (XXH3-64 of the stored bytes),
//                 zone map (ZoneMap::Serialize)
//   fixed32   footer size N
//   fixed64   footer checksum (XXH3-64 of the footer bytes)
//   8 bytes   magic "LRDPART1"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/compression.h"
#include "storage/zone_map.h"
#include "types/logical_type.h"

namespace larder::storage {

inline constexpr std::string_view kPartMagic = "LRDPART1";
inline constexpr uint64_t kPartFormatVersion = 1;
inline constexpr size_t kPartTrailerSize = 4 + 8 + 8;

struct BlockInfo {
  uint64_t offset = 0;
  uint64_t stored_size = 0;
  uint64_t uncompressed_size = 0;
  Compression compression = Compression::kNone;
  uint64_t checksum = 0;
  ZoneMap zone_map;
};

struct PartColumn {
  uint32_t column_id = 0;
  std::string name;
  LogicalType type;
  std::vector<BlockInfo> blocks;
};

struct PartFooter {
  uint64_t row_count = 0;
  std::vector<uint64_t> block_rows;
  std::vector<PartColumn> columns;

  std::string Serialize() const;
  static Status Deserialize(std::string_view bytes, std::string_view what, PartFooter* footer);
  // Index in `columns` of the column with `column_id`, or -1.
  int FindColumn(uint32_t column_id) const;
};

}  // namespace larder::storage
