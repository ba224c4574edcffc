// Which columns may be a replication key (append and incremental syncs): integer (smallint,
// int, bigint), numeric, date, datetime and timestamp columns. Anything else is refused with a
// message listing the allowed types and the table's columns that qualify.
#pragma once

#include <string_view>

#include "sources/source.h"

namespace larder::sync {

// kInvalidArgument unless `column` of `table` can be a replication key; kNotFound when the table
// has no such column.
Status CheckReplicationKey(const sources::SourceTable& table, std::string_view column);

}  // namespace larder::sync
