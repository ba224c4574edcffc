// Where captured events and person updates land in a data directory: each project's `events`
// table (created on first use, compacted in the background) and its persons store.
#pragma once

#include <mutex>
#include <set>

#include "analytics/event_ingester.h"
#include "warehouse/data_directory.h"

namespace larder::warehouse {

class DirectoryIngestionTarget : public analytics::IngestionTarget {
 public:
  // REQUIRES: `data` outlives this object.
  explicit DirectoryIngestionTarget(DataDirectory* data) : data_(data) {}
  Result<storage::Table*> EventsTable(int64_t project_id) override;
  Result<analytics::PersonStore*> Persons(int64_t project_id) override {
    return data_->Persons(project_id);
  }

 private:
  DataDirectory* data_;
  std::mutex mutex_;                      // Guards compacting_.
  std::set<storage::Table*> compacting_;  // Tables with background compaction enabled.
};

}  // namespace larder::warehouse
