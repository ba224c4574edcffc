// TableReader: where the engine reads stored tables from — the data directory's storage
// (warehouse/) or, in tests, tables held in memory (MemoryTables). A TableScanner reads chosen
// columns of one table snapshot morsel by morsel.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/zone_map.h"
#include "types/column_vector.h"

namespace larder::execution {

// Thread-safe: ReadColumn may run for different morsels at once.
class TableScanner {
 public:
  virtual ~TableScanner() = default;
  virtual size_t MorselCount() const = 0;
  virtual size_t MorselRows(size_t morsel) const = 0;
  // Column `column` (an index into the columns asked for) of `morsel`.
  virtual Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const = 0;
  // Only `rows` (ascending row numbers) of column `column` of `morsel`: the columns read after a
  // filter. Scanners that can skip the other rows' values do.
  virtual Result<ColumnVector> ReadColumnRows(size_t morsel, size_t column,
                                              const std::vector<uint32_t>& rows) const {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, ReadColumn(morsel, column));
    return values.Take(rows);
  }
  // The zone map (min, max, NULL count) of `column` over `morsel`'s rows when the scanner knows
  // it without reading the rows (stored tables); nullopt otherwise.
  virtual std::optional<storage::ZoneMap> MorselZoneMap(size_t morsel, size_t column) const {
    (void)morsel;
    (void)column;
    return std::nullopt;
  }
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // A scanner over `columns` of table `table` (a pinned snapshot). Morsels that cannot hold a
  // row satisfying every predicate in `prune` may be left out.
  virtual Result<std::unique_ptr<TableScanner>> OpenScan(
      const std::string& table, const std::vector<std::string>& columns,
      const std::vector<storage::ColumnPredicate>& prune) = 0;
};

// A scanner that owns `batch` (a snapshot taken for one query) and reads `columns` of it.
Result<std::unique_ptr<TableScanner>> ScanBatch(Batch batch, const std::string& table,
                                                const std::vector<std::string>& columns);

// Tables as batches in memory, each batch one morsel (tests, the SQL test runner).
class MemoryTables : public TableReader {
 public:
  // REQUIRES: every batch has the same schema.
  void Add(const std::string& name, std::vector<Batch> batches) {
    tables_[name] = std::move(batches);
  }
  Result<std::unique_ptr<TableScanner>> OpenScan(
      const std::string& table, const std::vector<std::string>& columns,
      const std::vector<storage::ColumnPredicate>& prune) override;

 private:
  std::map<std::string, std::vector<Batch>> tables_;
};

}  // namespace larder::execution
