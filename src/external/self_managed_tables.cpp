#include "external/self_managed_tables.h"

#include "catalog/name_rules.h"
#include "external/object_table_scan.h"
#include "sources/object_storage/bucket_source.h"
#include "sync/schema_sync.h"

namespace larder::external {
namespace {

std::string Setting(const std::map<std::string, std::string>& settings, const std::string& name) {
  auto it = settings.find(name);
  return it == settings.end() ? "" : it->second;
}

Result<std::unique_ptr<execution::TableScanner>> OpenScan(
    warehouse::DataDirectory* data, const sources::ObjectAccess& policy,
    const catalog::TableEntry& entry, const std::vector<std::string>& columns,
    const std::vector<storage::ColumnPredicate>& prune) {
  LARDER_ASSIGN_OR_RETURN(warehouse::SelfManagedDefinition definition,
                          warehouse::DecodeSelfManagedDefinition(entry.definition));
  LARDER_ASSIGN_OR_RETURN(std::string json, data->secrets().Open(definition.sealed_settings));
  LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(json));
  ObjectScanRequest request;
  sources::ObjectUrlSettings url_settings{Setting(settings, "endpoint"),
                                          Setting(settings, "region")};
  LARDER_ASSIGN_OR_RETURN(request.url,
                          sources::ParseObjectUrl(Setting(settings, "url"), url_settings));
  request.access = policy;
  request.access.credentials = {Setting(settings, "access_key_id"),
                                Setting(settings, "secret_access_key"),
                                Setting(settings, "session_token")};
  if (!definition.format.empty()) {
    LARDER_ASSIGN_OR_RETURN(request.format, formats::ParseFileFormat(definition.format));
  }
  request.table_name = entry.name;
  request.schema = definition.schema;
  request.columns = columns;
  request.prune = prune;
  return OpenObjectTableScan(std::move(request));
}

}  // namespace

Result<catalog::TableEntry> CreateSelfManagedTable(warehouse::DataDirectory* data,
                                                   const sources::ObjectAccess& policy,
                                                   const SelfManagedRequest& request) {
  LARDER_RETURN_IF_ERROR(catalog::ValidateTableName(request.name));
  if (data->catalog().GetTable(request.project_id, request.name).ok()) {
    return AlreadyExists("table {} already exists in this project", request.name);
  }
  sources::SourceConfig config{"bucket", request.settings};
  config.settings["table"] = request.name;
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<sources::Source> source,
                          sources::OpenBucketSource(config, policy));
  LARDER_RETURN_IF_ERROR(source->Check());
  LARDER_ASSIGN_OR_RETURN(std::vector<sources::SourceTable> tables, source->Discover());
  warehouse::SelfManagedDefinition definition;
  definition.format = Setting(request.settings, "format");
  for (const sources::SourceColumn& column : tables.at(0).columns) {
    definition.schema.fields.push_back({column.name, column.type});
  }
  LARDER_ASSIGN_OR_RETURN(definition.sealed_settings,
                          data->secrets().Seal(sync::EncodeSourceSettings(request.settings)));
  return data->catalog().CreateTable(
      request.project_id, request.name, catalog::TableKind::kSelfManaged,
      Setting(request.settings, "url"), warehouse::EncodeSelfManagedDefinition(definition));
}

void InstallSelfManagedTables(warehouse::DataDirectory* data, sources::ObjectAccess policy) {
  data->SetExternalScanOpener(
      [data, policy = std::move(policy)](const catalog::TableEntry& entry,
                                         const std::vector<std::string>& columns,
                                         const std::vector<storage::ColumnPredicate>& prune) {
        return OpenScan(data, policy, entry, columns, prune);
      });
}

}  // namespace larder::external
