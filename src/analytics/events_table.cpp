#include "analytics/events_table.h"

namespace larder::analytics {

Schema EventsSchema() {
  return Schema{{{"uuid", LogicalType::Uuid()},
                 {"event", LogicalType::String()},
                 {"distinct_id", LogicalType::String()},
                 {"properties", LogicalType::Json()},
                 {"timestamp", LogicalType::DateTime()},
                 {"created_at", LogicalType::DateTime()},
                 {"person_id", LogicalType::Uuid()},
                 {"elements_chain", LogicalType::String()},
                 {"$session_id", LogicalType::String()},
                 {"$window_id", LogicalType::String()}}};
}

std::vector<std::string> EventsSortKey() { return {"timestamp"}; }

Batch EventsBatch(std::span<const CapturedEvent* const> events,
                  std::span<const Uuid128> person_ids) {
  Batch batch = Batch::Empty(EventsSchema());
  const size_t rows = events.size();
  for (size_t column : {0, 4, 5, 6}) batch.columns[column].Resize(rows);
  Uuid128* uuids = batch.columns[0].mutable_data<Uuid128>();
  int64_t* timestamps = batch.columns[4].mutable_data<int64_t>();
  int64_t* created = batch.columns[5].mutable_data<int64_t>();
  Uuid128* persons = batch.columns[6].mutable_data<Uuid128>();
  for (size_t row = 0; row < rows; ++row) {
    const CapturedEvent& event = *events[row];
    uuids[row] = event.uuid;
    timestamps[row] = event.timestamp_us;
    created[row] = event.created_at_us;
    persons[row] = person_ids[row];
    batch.columns[1].AppendString(event.event);
    batch.columns[2].AppendString(event.distinct_id);
    batch.columns[3].AppendString(event.properties_json);
    batch.columns[7].AppendString(event.elements_chain);
    batch.columns[8].AppendString(event.session_id);
    batch.columns[9].AppendString(event.window_id);
  }
  return batch;
}

}  // namespace larder::analytics
