// Self-managed tables (PostHog's warehouse_tables): files in a bucket or a local folder that a
// user links under a name and Larder reads in place at every query — nothing is copied. Linking
// checks the credentials and the pattern, infers the columns from a sample (Parquet: declared),
// and records the table (catalog kind self_managed) with its settings sealed.
#pragma once

#include <map>
#include <string>

#include "sources/object_storage/object_lister.h"
#include "warehouse/data_directory.h"

namespace larder::external {

struct SelfManagedRequest {
  int64_t project_id = 0;
  std::string name;
  // The bucket connector's settings (sources/object_storage/bucket_source.h): url, format,
  // column_types, access_key_id, secret_access_key, session_token, region, endpoint.
  std::map<std::string, std::string> settings;
};

// Links the table. kAlreadyExists when the project has a table of that name; the connector's
// errors (a malformed URL, wrong credentials, no file matching, a file outside the allowed
// roots) otherwise. `policy` says what may be read (file roots, private networks).
Result<catalog::TableEntry> CreateSelfManagedTable(warehouse::DataDirectory* data,
                                                   const sources::ObjectAccess& policy,
                                                   const SelfManagedRequest& request);

// Lets queries on `data` read its self-managed tables, within `policy`.
void InstallSelfManagedTables(warehouse::DataDirectory* data, sources::ObjectAccess policy);

}  // namespace larder::external
