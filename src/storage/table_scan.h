// TableScan: reads chosen columns of a pinned table snapshot as column vectors, block by block,
// skipping blocks whose zone maps rule out the given predicates. The query engine's scan
// operator sits on top: it runs morsels in parallel and filters rows itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/table.h"
#include "storage/zone_map.h"

namespace larder::storage {

struct ScanOptions {
  std::vector<std::string> columns;  // Empty = every column.
  // Blocks that cannot satisfy all of these are skipped. Rows of the blocks that are read are
  // not filtered: the predicates only prune.
  std::vector<ColumnPredicate> predicates;
};

// One unit of parallel work: one block of one part.
struct Morsel {
  size_t part = 0;
  size_t block = 0;
  uint64_t rows = 0;
};

// Immutable after Create; ReadColumn / ReadMorsel are thread-safe.
class TableScan {
 public:
  static Result<TableScan> Create(std::shared_ptr<const TableSnapshot> snapshot,
                                  ScanOptions options);

  // Names and types (the table's current ones) of the columns read.
  const Schema& schema() const { return schema_; }
  const std::vector<Morsel>& morsels() const { return morsels_; }
  size_t blocks_total() const { return blocks_total_; }
  size_t blocks_skipped() const { return blocks_total_ - morsels_.size(); }

  // Reads output column `column` of `morsel`, converted to the table's current type.
  // With `rows` (ascending), only those rows of the morsel.
  Result<ColumnVector> ReadColumn(const Morsel& morsel, size_t column,
                                  const std::vector<uint32_t>* rows = nullptr) const;
  Result<Batch> ReadMorsel(const Morsel& morsel) const;
  // The zone map of output column `column` over `morsel`, from the part's footer; nullopt when
  // the part stored the column with another type (before a widening).
  std::optional<ZoneMap> MorselZoneMap(const Morsel& morsel, size_t column) const;
  // Reads every morsel in order into one batch (small tables, tests and tools).
  Result<Batch> ReadAll() const;

 private:
  bool BlockMayMatch(size_t part, size_t block) const;

  std::shared_ptr<const TableSnapshot> snapshot_;
  ScanOptions options_;
  Schema schema_;
  std::vector<TableColumn> columns_;
  std::vector<Morsel> morsels_;
  size_t blocks_total_ = 0;
};

// A vector of `rows` NULLs of `type` (made Nullable).
ColumnVector NullColumn(const LogicalType& type, size_t rows);

}  // namespace larder::storage
