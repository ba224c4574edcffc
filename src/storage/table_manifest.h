// TableManifest: one committed version of a table — its schema, its parts and commit metadata
// (opaque key/values such as a sync cursor). Each version is one file, written atomically.
//
// Manifest file "manifest-<version, 20 digits>", format version 1:
//   8 bytes  magic "LRDMANI1"
//   body:    varint format version (1), varint table version, varint committed-at (µs),
//            varint next column id,
//            settings: varint block rows, varint part rows, byte compression, varint level,
//            varint column count, per column: varint id, bytes name, type,
//            varint sort key count, per key: bytes column name,
//            varint part count, per part: bytes file name, varint rows, varint file size,
//            varint metadata count, per entry: bytes key, bytes value
//   fixed64  XXH3-64 of magic + body
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "storage/compression.h"
#include "types/column_vector.h"

namespace larder::storage {

inline constexpr std::string_view kManifestMagic = "LRDMANI1";
inline constexpr uint64_t kManifestFormatVersion = 1;

// How a table writes its parts; fixed when the table is created.
struct TableSettings {
  uint64_t block_rows = 65536;   // Rows per column block (the unit of zone maps and scans).
  uint64_t part_rows = 1 << 20;  // A writer starts a new part after this many rows.
  Compression compression = Compression::kZstd;
  int compression_level = 1;
};

struct TableColumn {
  uint32_t id = 0;  // Stable across renames and widening; parts refer to columns by id.
  std::string name;
  LogicalType type;
};

struct PartEntry {
  std::string file_name;
  uint64_t row_count = 0;
  uint64_t file_size = 0;
};

struct TableManifest {
  uint64_t version = 0;
  int64_t committed_at_us = 0;
  uint32_t next_column_id = 0;
  TableSettings settings;
  std::vector<TableColumn> columns;
  std::vector<std::string> sort_key;
  std::vector<PartEntry> parts;
  std::map<std::string, std::string> metadata;

  Schema schema() const;
  int FindColumn(std::string_view name) const;
  uint64_t row_count() const;

  std::string Serialize() const;
  static Result<TableManifest> Deserialize(std::string_view bytes, std::string_view what);
};

std::string ManifestFileName(uint64_t version);
// Parses "manifest-<digits>"; false for other names.
bool ParseManifestFileName(std::string_view name, uint64_t* version);

}  // namespace larder::storage
