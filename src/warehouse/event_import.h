// `larder import --events`: loads events exported from PostHog (JSON lines, one event object per
// line in the shape the capture API takes) into a project's `events`, through the same
// validation and person processing as capture. All or nothing: one bad line and nothing is
// stored.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "warehouse/data_directory.h"

namespace larder::warehouse {

struct EventImportRequest {
  int64_t project_id = 0;
  std::vector<std::string> files;
  // Called as lines are read and validated, then as events are stored.
  std::function<void(uint64_t events, uint64_t bytes)> progress;
};

struct EventImportResult {
  uint64_t events = 0;      // Valid events read.
  uint64_t duplicates = 0;  // Of those, already stored (same uuid): not stored again.
};

Result<EventImportResult> ImportEvents(DataDirectory* data, const EventImportRequest& request);

}  // namespace larder::warehouse
