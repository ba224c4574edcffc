#include "warehouse/person_tables.h"

namespace larder::warehouse {

std::optional<Schema> PersonTableSchema(std::string_view name) {
  if (name == "persons") return analytics::PersonStore::PersonsSchema();
  if (name == "person_distinct_ids") return analytics::PersonStore::DistinctIdsSchema();
  if (name == "groups") return analytics::PersonStore::GroupsSchema();
  return std::nullopt;
}

Result<Batch> PersonTableRows(DataDirectory* data, int64_t project_id, std::string_view name) {
  LARDER_ASSIGN_OR_RETURN(analytics::PersonStore * store, data->Persons(project_id));
  if (name == "persons") return store->PersonsBatch();
  if (name == "person_distinct_ids") return store->DistinctIdsBatch();
  if (name == "groups") return store->GroupsBatch();
  return NotFound("table {} does not exist", name);
}

}  // namespace larder::warehouse
