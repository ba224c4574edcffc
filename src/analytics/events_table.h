// The events table: the columns every project's `events` table has, and the rows captured
// events become. Ingestion writes them; HogQL reads them (properties.$browser, person_id, …).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "analytics/captured_event.h"
#include "types/column_vector.h"

namespace larder::analytics {

// uuid UUID, event String, distinct_id String, properties JSON, timestamp DateTime,
// created_at DateTime, person_id UUID, elements_chain String, $session_id String,
// $window_id String.
Schema EventsSchema();
// The events table's sort key.
std::vector<std::string> EventsSortKey();
// The rows of `events` with their person ids (parallel to `events`).
Batch EventsBatch(std::span<const CapturedEvent* const> events,
                  std::span<const Uuid128> person_ids);

}  // namespace larder::analytics
