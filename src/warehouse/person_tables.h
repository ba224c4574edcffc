// The persons store's tables as queries see them: `persons`, `person_distinct_ids` and
// `groups` of a project, read from its persons store at query time.
#pragma once

#include <optional>
#include <string_view>

#include "warehouse/data_directory.h"

namespace larder::warehouse {

// The columns of person table `name`, or nullopt when `name` is not one.
std::optional<Schema> PersonTableSchema(std::string_view name);
// The current rows of person table `name` of a project.
Result<Batch> PersonTableRows(DataDirectory* data, int64_t project_id, std::string_view name);

}  // namespace larder::warehouse
