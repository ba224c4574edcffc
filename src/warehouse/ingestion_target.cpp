#include "warehouse/ingestion_target.h"

#include "analytics/events_table.h"

namespace larder::warehouse {

Result<storage::Table*> DirectoryIngestionTarget::EventsTable(int64_t project_id) {
  storage::Table* table = nullptr;
  if (data_->catalog().GetTable(project_id, "events").ok()) {
    LARDER_ASSIGN_OR_RETURN(table, data_->OpenTable(project_id, "events"));
  } else {
    LARDER_ASSIGN_OR_RETURN(
        table, data_->CreateTable(project_id, "events", catalog::TableKind::kEvents,
                                  analytics::EventsSchema(), analytics::EventsSortKey(), {}));
  }
  // Each flush adds a small part; merge them in the background as they pile up, 8 at a time so
  // that under load a row is rewritten about once (a merged part is no longer small), and at
  // most 512k rows at a time, which bounds the memory a merge of wide JSON rows holds.
  storage::CompactionPolicy policy;
  policy.min_parts = 8;
  policy.max_merge_rows = 512 * 1024;
  std::lock_guard lock(mutex_);
  if (compacting_.insert(table).second) table->EnableBackgroundCompaction(policy);
  return table;
}

}  // namespace larder::warehouse
