// `larder link NAME URL`: links the files a URL pattern matches (a bucket or a local folder) as a
// self-managed table, read in place at every query. The embedded CLI reads any local path its
// user can; `larder serve` confines file:// to its --file-root folders.
#include <cstdio>

#include "cli/commands.h"
#include "cli/environment.h"
#include "external/self_managed_tables.h"

namespace larder::cli {

Status RunLink(const GlobalOptions& global, const LinkOptions& options) {
  external::SelfManagedRequest request;
  request.name = options.name;
  request.settings["url"] = options.url;
  if (!options.format.empty()) request.settings["format"] = options.format;
  for (const std::string& pair : options.settings) {
    const size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      return InvalidArgument("--set takes NAME=VALUE, not '{}'", pair);
    }
    request.settings[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  std::string columns;
  for (const std::string& column : options.columns) columns += column + ";";
  if (!columns.empty()) request.settings["column_types"] = columns;
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  request.project_id = options.project_id ? options.project_id : data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(catalog::TableEntry entry,
                          external::CreateSelfManagedTable(data, sources::ObjectAccess{}, request));
  LARDER_ASSIGN_OR_RETURN(auto definition,
                          warehouse::DecodeSelfManagedDefinition(entry.definition));
  std::printf("linked %s (%s), read in place:\n", entry.name.c_str(), entry.location.c_str());
  for (const Field& field : definition.schema.fields) {
    std::printf("  %s %s\n", field.name.c_str(), field.type.ToString().c_str());
  }
  return Status::OK();
}

}  // namespace larder::cli
