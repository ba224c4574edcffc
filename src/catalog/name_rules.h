// What names the catalog accepts: project names, API key labels, table identifiers and time
// zones. Each check returns kInvalidArgument with a message that says what to change.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::catalog {

inline constexpr size_t kMaxProjectNameChars = 200;
inline constexpr size_t kMaxApiKeyLabelChars = 200;
inline constexpr size_t kMaxTableNameChars = 128;
inline constexpr std::string_view kSystemZoneInfoDir = "/usr/share/zoneinfo";

// Non-empty and at most kMaxProjectNameChars bytes.
[[nodiscard]] Status ValidateProjectName(std::string_view name);

// Non-empty and at most kMaxApiKeyLabelChars bytes.
[[nodiscard]] Status ValidateApiKeyLabel(std::string_view label);

// An identifier: [A-Za-z_][A-Za-z0-9_]*, at most kMaxTableNameChars. The error names the first
// character that is not allowed and its 1-based position.
[[nodiscard]] Status ValidateTableName(std::string_view name);

// The Larder table a synced source table fills: `{prefix}{source_type}_{table}` lower-cased,
// every character that cannot be in an identifier turned into '_', a leading digit prefixed with
// '_', cut to kMaxTableNameChars ("prod_", "postgres", "Order Items" ->
// "prod_postgres_order_items").
std::string SyncedTableName(std::string_view prefix, std::string_view source_type,
                            std::string_view table);

// "UTC", or an IANA name (Area/City, e.g. "America/Argentina/Buenos_Aires", "Etc/GMT+5") made of
// [A-Za-z0-9_+-] components separated by '/', that names a file under `zoneinfo_dir`.
[[nodiscard]] Status ValidateTimeZone(std::string_view time_zone,
                                      std::string_view zoneinfo_dir = kSystemZoneInfoDir);

}  // namespace larder::catalog
