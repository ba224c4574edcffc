#include "cli/commands.h"

#include <cstdio>

#include "cli/environment.h"
#include "storage/table_scan.h"
#include "types/datetime.h"
#include "warehouse/result_format.h"

namespace larder::cli {

using warehouse::FormatBatch;
using warehouse::OutputFormat;
using warehouse::ParseOutputFormat;
namespace {

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

std::string HumanBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  if (bytes < (1ULL << 30)) return fmt::format("{:.1f} MiB", bytes / 1048576.0);
  return fmt::format("{:.2f} GiB", bytes / 1073741824.0);
}

uint64_t StoredBytes(const storage::TableSnapshot& snapshot) {
  uint64_t bytes = 0;
  for (const auto& part : snapshot.manifest().parts) bytes += part.file_size;
  return bytes;
}

}  // namespace

Status RunInit(const GlobalOptions& global, bool create_api_key) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  const catalog::Project& project = data->default_project();
  Print(fmt::format("data directory: {}\nproject {} \"{}\"\nproject token: {}\n", data->path(),
                    project.id, project.name, project.api_token));
  if (create_api_key) {
    LARDER_ASSIGN_OR_RETURN(
        auto key, data->catalog().CreatePersonalApiKey("created by larder init", project.id));
    Print(fmt::format("personal API key (shown once): {}\n", key.key));
  }
  return Status::OK();
}

Status RunTables(const GlobalOptions& global) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  const int64_t project = data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(auto entries, data->catalog().ListTables(project));
  Batch listing = Batch::Empty(Schema{{{"name", LogicalType::String()},
                                       {"kind", LogicalType::String()},
                                       {"rows", LogicalType::Int64()},
                                       {"parts", LogicalType::Int64()},
                                       {"size", LogicalType::String()}}});
  for (const auto& entry : entries) {
    listing.columns[0].AppendString(entry.name);
    listing.columns[1].AppendString(catalog::TableKindName(entry.kind));
    if (entry.kind == catalog::TableKind::kSelfManaged) {
      listing.columns[2].AppendNull();
      listing.columns[3].AppendNull();
      listing.columns[4].AppendString("read in place from " + entry.location);
      continue;
    }
    auto table = data->OpenTable(project, entry.name);
    if (!table.ok()) {
      listing.columns[2].AppendNull();
      listing.columns[3].AppendNull();
      listing.columns[4].AppendString(table.status().ToString());
      continue;
    }
    auto snapshot = (*table)->Snapshot();
    listing.columns[2].Append<int64_t>(static_cast<int64_t>(snapshot->row_count()));
    listing.columns[3].Append<int64_t>(static_cast<int64_t>(snapshot->parts().size()));
    listing.columns[4].AppendString(HumanBytes(StoredBytes(*snapshot)));
  }
  Print(FormatBatch(listing, OutputFormat::kTable));
  return Status::OK();
}

Status RunDescribe(const GlobalOptions& global, const std::string& name) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  auto entry = data->catalog().GetTable(data->default_project().id, name);
  if (entry.ok() && entry->kind == catalog::TableKind::kSelfManaged) {
    LARDER_ASSIGN_OR_RETURN(auto definition,
                            warehouse::DecodeSelfManagedDefinition(entry->definition));
    std::string out =
        fmt::format("table {} (self-managed: read in place from {}{})\n", name, entry->location,
                    definition.format.empty() ? "" : ", " + definition.format);
    for (const Field& field : definition.schema.fields) {
      out += fmt::format("  {:<24} {}\n", field.name, field.type.ToString());
    }
    Print(out);
    return Status::OK();
  }
  LARDER_ASSIGN_OR_RETURN(auto* table, data->OpenTable(data->default_project().id, name));
  auto snapshot = table->Snapshot();
  const auto& manifest = snapshot->manifest();
  std::string out = fmt::format("table {} (version {}, committed {})\n", name, manifest.version,
                                FormatDateTime(manifest.committed_at_us));
  for (const auto& column : manifest.columns) {
    out += fmt::format("  {:<24} {}\n", column.name, column.type.ToString());
  }
  std::string sort_key;
  for (const auto& key : manifest.sort_key) sort_key += (sort_key.empty() ? "" : ", ") + key;
  out +=
      fmt::format("sort key: ({})\nrows: {}\nparts: {}\nstored: {}\ncompression: {}\n", sort_key,
                  snapshot->row_count(), manifest.parts.size(), HumanBytes(StoredBytes(*snapshot)),
                  storage::CompressionName(manifest.settings.compression));
  for (const auto& [key, value] : manifest.metadata) out += fmt::format("  {} = {}\n", key, value);
  Print(out);
  return Status::OK();
}

Status RunHead(const GlobalOptions& global, const HeadOptions& options) {
  LARDER_ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(options.format));
  if (options.rows < 0) return InvalidArgument("--rows must be at least 0, not {}", options.rows);
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto* table, data->OpenTable(data->default_project().id, options.table));
  LARDER_ASSIGN_OR_RETURN(auto scan, storage::TableScan::Create(table->Snapshot(), {}));
  Batch rows = Batch::Empty(scan.schema());
  size_t wanted = static_cast<size_t>(options.rows);
  for (const auto& morsel : scan.morsels()) {
    if (rows.num_rows() >= wanted) break;
    LARDER_ASSIGN_OR_RETURN(Batch batch, scan.ReadMorsel(morsel));
    size_t take = std::min(wanted - rows.num_rows(), batch.num_rows());
    for (size_t c = 0; c < rows.columns.size(); ++c) {
      rows.columns[c].AppendRange(batch.columns[c], 0, take);
    }
  }
  Print(FormatBatch(rows, format));
  return Status::OK();
}

Status RunVerify(const GlobalOptions& global, const std::string& name) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  const int64_t project = data->default_project().id;
  std::vector<std::string> names;
  if (!name.empty()) {
    names.push_back(name);
  } else {
    LARDER_ASSIGN_OR_RETURN(auto entries, data->catalog().ListTables(project));
    for (const auto& entry : entries) names.push_back(entry.name);
  }
  for (const std::string& table_name : names) {
    LARDER_ASSIGN_OR_RETURN(auto* table, data->OpenTable(project, table_name));
    LARDER_RETURN_IF_ERROR(table->Verify());
    auto snapshot = table->Snapshot();
    Print(fmt::format("{}: ok ({} rows in {} parts, every checksum verified)\n", table_name,
                      snapshot->row_count(), snapshot->parts().size()));
  }
  return Status::OK();
}

Status RunCompact(const GlobalOptions& global, const std::string& name) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto* table, data->OpenTable(data->default_project().id, name));
  size_t before = table->Snapshot()->parts().size();
  storage::CompactionPolicy policy;
  policy.min_parts = 2;
  for (;;) {
    LARDER_ASSIGN_OR_RETURN(bool merged, table->CompactOnce(policy));
    if (!merged) break;
  }
  Print(fmt::format("{}: {} parts -> {} parts\n", name, before, table->Snapshot()->parts().size()));
  return Status::OK();
}

Status RunKeysCreate(const GlobalOptions& global, const std::string& label, int64_t project_id) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  if (project_id == 0) project_id = data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(auto key, data->catalog().CreatePersonalApiKey(label, project_id));
  Print(fmt::format("{}\n", key.key));
  return Status::OK();
}

Status RunKeysList(const GlobalOptions& global) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto keys, data->catalog().ListPersonalApiKeys());
  for (const auto& key : keys) {
    Print(fmt::format("{}  {}  project {}  {}  created {}\n", key.id, key.mask_value,
                      key.project_id, key.label, FormatDateTime(key.created_at_us)));
  }
  return Status::OK();
}

Status RunProjectsCreate(const GlobalOptions& global, const ProjectCreateOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(catalog::Project project,
                          data->catalog().CreateProject(options.name, options.timezone));
  Print(fmt::format("project {} \"{}\"\ntime zone: {}\nproject token: {}\n", project.id,
                    project.name, project.timezone, project.api_token));
  return Status::OK();
}

Status RunProjectsList(const GlobalOptions& global) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto projects, data->catalog().ListProjects());
  for (const auto& project : projects) {
    Print(fmt::format("{}  {}  {}  {}\n", project.id, project.api_token, project.timezone,
                      project.name));
  }
  return Status::OK();
}

}  // namespace larder::cli
