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
  // Each flush adds a small part; merge them in the background as they pile up.
  std::lock_guard lock(mutex_);
  if (compacting_.insert(table).second) table->EnableBackgroundCompaction({});
  return table;
}

}  // namespace larder::warehouse
