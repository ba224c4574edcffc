#include "warehouse/ingestion_target.h"

#include "analytics/events_table.h"

namespace larder::warehouse {

Result<storage::Table*> DirectoryIngestionTarget::EventsTable(int64_t project_id) {
  if (data_->catalog().GetTable(project_id, "events").ok()) {
    return data_->OpenTable(project_id, "events");
  }
  return data_->CreateTable(project_id, "events", catalog::TableKind::kEvents,
                            analytics::EventsSchema(), analytics::EventsSortKey(), {});
}

}  // namespace larder::warehouse
