// Where captured events and person updates land in a data directory: each project's `events`
// table (created on first use) and its persons store.
#pragma once

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
};

}  // namespace larder::warehouse
