// TableWriter: one write transaction on a table — append rows (written as sorted parts as they
// accumulate), optionally replace everything (full refresh) or drop given parts (compaction),
// set commit metadata, and commit it all as one new version.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/table.h"

namespace larder::storage {

class TableWriter {
 public:
  TableWriter(Table* table, std::shared_ptr<const TableSnapshot> base);
  // Removes the part files of an uncommitted transaction.
  ~TableWriter();

  // Adds rows. Columns are matched to the table's by name; a Nullable table column may be left
  // out (it reads as NULL). Rows become visible only at Commit().
  Status Append(Batch batch);
  // At commit, drop every part the table has then (the full-refresh swap).
  void ReplaceAll() { delta_.replace_all = true; }
  // At commit, drop these parts (they must still exist).
  void RemoveParts(const std::vector<std::string>& file_names);
  void SetMetadata(std::string key, std::string value);
  // Writes what is buffered and commits. On failure the table keeps its current version.
  Status Commit();

  uint64_t rows_appended() const { return rows_appended_; }
  const TableSnapshot& base() const { return *base_; }

 private:
  Result<Batch> ConformToTable(Batch batch) const;
  Status FlushPending();
  Status WritePart(Batch batch);

  Table* table_;
  std::shared_ptr<const TableSnapshot> base_;
  CommitDelta delta_;
  std::vector<uint32_t> pending_ids_;
  std::optional<Batch> pending_;
  uint64_t rows_appended_ = 0;
  bool committed_ = false;
};

}  // namespace larder::storage
