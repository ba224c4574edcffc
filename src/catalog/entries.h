// The records the catalog keeps, as plain structs: projects, personal API keys and tables.
// Catalog (catalog.h) creates, finds and changes them; the rest of Larder reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::catalog {

// A project: the unit of tenancy. Events sent with its api_token land in its tables.
struct Project {
  int64_t id = 0;
  std::string name;
  // "phc_" + 43 url-safe characters; public, identifies the project to ingestion.
  std::string api_token;
  // "UTC" or an IANA zone name; used for day boundaries in queries.
  std::string timezone;
  int64_t created_at_us = 0;  // Microseconds since the Unix epoch.
};

// A personal API key as stored: the key itself is never kept, only its SHA-256.
struct PersonalApiKey {
  int64_t id = 0;
  std::string label;
  // "phx_..." + the key's last 4 characters, for recognizing a key in a list.
  std::string mask_value;
  int64_t created_at_us = 0;
  std::optional<int64_t> last_used_at_us;  // Unset until the key is first verified.
  int64_t project_id = 0;                  // The one project the key may use.
};

// A freshly created personal API key: the only time the plaintext key is available.
struct NewApiKey {
  PersonalApiKey entry;
  std::string key;  // "phx_" + 47 url-safe characters. Show it to the user once.
};

// What a table holds and who writes it.
enum class TableKind {
  kEvents,       // The project's event stream, written by ingestion.
  kPersons,      // The project's persons, written by ingestion.
  kSynced,       // Copied from an external source by sync jobs.
  kSelfManaged,  // Files the user manages (e.g. in object storage); Larder only reads them.
  kView,         // A saved query; `definition` holds its SQL.
};

// "events", "persons", "synced", "self_managed", "view": the names stored in the catalog.
std::string_view TableKindName(TableKind kind);
// The inverse of TableKindName; kInvalidArgument listing the valid names otherwise.
Result<TableKind> ParseTableKind(std::string_view name);

// A table of a project.
struct TableEntry {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string name;  // An identifier, unique within the project.
  TableKind kind = TableKind::kEvents;
  // Where the data lives: a directory relative to the data dir, or a URL. May be empty for views.
  std::string location;
  // View SQL or JSON configuration, depending on `kind`; may be empty.
  std::string definition;
  int64_t created_at_us = 0;
};

}  // namespace larder::catalog
