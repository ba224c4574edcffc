// NestedColumnReader: rebuilds the rows of a nested top-level field — lists, structs, maps —
// from the repetition and definition levels of its leaf columns (record assembly as in Dremel),
// into Array columns or JSON text.
//
// Each leaf has one level entry per value or per NULL / empty ancestor. A row starts where the
// repetition level is 0. For a node present at definition level d, an entry with a lower level
// means the node is NULL there (every leaf under it then has one entry); a list whose elements
// are present at level e is empty when d <= level < e; the next element of a list follows while
// the repetition level equals the list's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "types/column_vector.h"

namespace larder::formats::parquet {

// A field's leaves may buffer this many level entries at once (a single row may hold no more).
inline constexpr size_t kMaxBufferedEntries = size_t{1} << 26;

class NestedColumnReader {
 public:
  // `readers[i]` reads leaf field.node.first_leaf + i. REQUIRES: `field` and `leaves` outlive
  // the reader.
  NestedColumnReader(const ParquetField* field, const std::vector<LeafColumn>* leaves,
                     std::vector<std::unique_ptr<ColumnChunkReader>> readers, std::string context);

  // Appends the next `rows` rows to `out` (of the field's type).
  Status ReadRows(size_t rows, ColumnVector* out);

 private:
  // One leaf's entries read but not yet assembled.
  struct LeafBuffer {
    std::vector<uint8_t> definition;
    std::vector<uint8_t> repetition;
    std::unique_ptr<ColumnVector> values;
    size_t level_next = 0;
    size_t value_next = 0;
  };

  // Drops what was assembled and reads until `rows` whole rows are buffered (or the chunk ends).
  Status Fill(size_t rows);
  Status AppendNode(const SchemaNode& node, ColumnVector* out);
  Status AppendJson(const SchemaNode& node, std::string* out);
  Status AppendList(const SchemaNode& node, ColumnVector* out);
  Status AppendJsonElements(const SchemaNode& node, std::string* out);
  // The definition level of the next entry of the node's first leaf.
  Status PeekDefinition(const SchemaNode& node, uint8_t* level);
  // Consumes one entry of every leaf under `node` (a NULL or empty node).
  Status SkipEntries(const SchemaNode& node);
  // True for a leaf of a type whose values are all NULL (UNKNOWN), whatever it stores.
  bool IsAlwaysNull(const SchemaNode& node) const;
  // True when the next entry of the node's first leaf continues the list `node`.
  bool NextElementFollows(const SchemaNode& node) const;
  Status Inconsistent() const;

  const ParquetField* field_;
  const std::vector<LeafColumn>* leaves_;
  std::vector<std::unique_ptr<ColumnChunkReader>> readers_;
  std::vector<LeafBuffer> buffers_;  // Parallel to readers_.
  std::string context_;
  std::string scratch_;
};

}  // namespace larder::formats::parquet
