// Table: background compaction, which merges small parts into one sorted part.
#include "common/logging.h"
#include "storage/table.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"

namespace larder::storage {

Result<bool> Table::CompactOnce(const CompactionPolicy& policy) {
  std::unique_ptr<TableWriter> writer = NewWriter();
  const TableSnapshot& snapshot = writer->base();
  std::vector<size_t> chosen;
  uint64_t rows = 0;
  for (size_t part = 0; part < snapshot.parts().size(); ++part) {
    uint64_t part_rows = snapshot.manifest().parts[part].row_count;
    if (part_rows >= policy.small_part_rows) continue;
    if (!chosen.empty() && rows + part_rows > policy.max_merge_rows) break;
    chosen.push_back(part);
    rows += part_rows;
  }
  if (chosen.size() < std::max<size_t>(policy.min_parts, 2)) return false;

  // Reads the chosen parts in the table's current schema, then rewrites them as one.
  std::shared_ptr<const TableSnapshot> pinned = Snapshot();
  if (pinned->version() != snapshot.version()) return false;  // Raced with a commit; try later.
  LARDER_ASSIGN_OR_RETURN(TableScan scan, TableScan::Create(pinned, {}));
  Batch merged = Batch::Empty(scan.schema());
  std::vector<std::string> names;
  for (size_t part : chosen) names.push_back(snapshot.manifest().parts[part].file_name);
  for (const Morsel& morsel : scan.morsels()) {
    if (std::find(chosen.begin(), chosen.end(), morsel.part) == chosen.end()) continue;
    LARDER_ASSIGN_OR_RETURN(Batch batch, scan.ReadMorsel(morsel));
    for (size_t column = 0; column < merged.columns.size(); ++column) {
      merged.columns[column].AppendRange(batch.columns[column], 0, batch.num_rows());
    }
  }
  writer->RemoveParts(names);
  LARDER_RETURN_IF_ERROR(writer->Append(std::move(merged)));
  LARDER_RETURN_IF_ERROR(writer->Commit());
  LARDER_LOG(kInfo, "table {}: merged {} parts ({} rows)", name_, names.size(), rows);
  return true;
}

void Table::EnableBackgroundCompaction(const CompactionPolicy& policy) {
  std::lock_guard lock(compaction_mutex_);
  background_policy_ = policy;
}

void Table::ScheduleCompaction() {
  std::lock_guard lock(compaction_mutex_);
  if (!background_policy_ || compaction_running_ || env_.pool == nullptr) return;
  compaction_running_ = true;
  CompactionPolicy policy = *background_policy_;
  compaction_done_ = env_.pool->Submit([this, policy] {
    for (;;) {
      auto merged = CompactOnce(policy);
      if (!merged.ok()) {
        LARDER_LOG(kWarning, "table {}: compaction failed: {}", name_, merged.status().ToString());
      }
      if (!merged.ok() || !*merged) break;
    }
    std::lock_guard done_lock(compaction_mutex_);
    compaction_running_ = false;
  });
}

void Table::WaitForBackgroundCompaction() {
  std::future<void> done;
  {
    std::lock_guard lock(compaction_mutex_);
    if (!compaction_done_.valid()) return;
    done = std::move(compaction_done_);
  }
  done.wait();
}

}  // namespace larder::storage
