// Deterministic sample product events (the shape of PostHog's events) for the demo and the
// benchmarks: uuid, event, distinct_id, timestamp, properties.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "analytics/captured_event.h"
#include "analytics/event_ingester.h"
#include "types/column_vector.h"

namespace larder::warehouse {

struct SampleEventsOptions {
  uint64_t seed = 42;
  uint64_t users = 100000;                  // Distinct ids to draw from.
  int64_t start_micros = 1767225600000000;  // 2026-01-01 00:00:00 UTC.
  int64_t average_gap_micros = 250000;      // Mean time between events.
};

// Schema: uuid UUID, event String, distinct_id String, timestamp DateTime, properties JSON
// (~200 bytes of PostHog-style properties).
Schema SampleEventsSchema();
// Rows [first_row, first_row + count) of the sample stream; the same rows for the same options.
Batch GenerateSampleEvents(const SampleEventsOptions& options, uint64_t first_row, size_t count);

// The same rows as captured events, with person updates: "$identify" events set the person's
// email and plan, "signed_up" events set initial_referrer once.
std::vector<analytics::CapturedEvent> SampleCapturedEvents(const SampleEventsOptions& options,
                                                           uint64_t first_row, size_t count);
// Sends rows [first_row, first_row + count) of the sample through `ingester` into project
// `project_id` (as capture would) and flushes; `progress(rows_done)` after each batch.
Status LoadSampleEvents(analytics::EventIngester* ingester, int64_t project_id,
                        const SampleEventsOptions& options, uint64_t first_row, uint64_t count,
                        const std::function<void(uint64_t)>& progress);

}  // namespace larder::warehouse
