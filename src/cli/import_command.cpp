// `larder import NAME FILE…`: loads CSV or JSON-lines files into a table (warehouse/
// table_import.h), drawing progress on stderr and printing what was imported.
#include <cstdio>
#include <optional>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/progress_line.h"
#include "warehouse/event_import.h"
#include "warehouse/table_import.h"

namespace larder::cli {
namespace {

// Draws one progress line per phase of the import.
class ImportProgressLines {
 public:
  explicit ImportProgressLines(std::string table) : table_(std::move(table)) {}

  void Update(const warehouse::ImportProgress& progress) {
    if (line_ && progress.phase != last_.phase) Finish();
    if (!line_) {
      std::string label = progress.phase == warehouse::ImportProgress::Phase::kInferring
                              ? "inferring column types"
                              : "importing into " + table_;
      line_.emplace(std::move(label), progress.total_rows, progress.total_bytes);
    }
    last_ = progress;
    line_->Update(progress.rows, progress.bytes);
  }

  void Finish() {
    if (line_) line_->Finish(last_.rows, last_.bytes);
    line_.reset();
  }

 private:
  std::string table_;
  std::optional<ProgressLine> line_;
  warehouse::ImportProgress last_;
};

Status RunEventImport(const GlobalOptions& global, const ImportOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  warehouse::EventImportRequest request;
  request.project_id = options.project_id == 0 ? data->default_project().id : options.project_id;
  request.files = options.arguments;
  std::optional<ProgressLine> line;
  request.progress = [&](uint64_t events, uint64_t bytes) {
    if (!line) line.emplace("importing events", 0, 0);
    line->Update(events, bytes);
  };
  auto imported = warehouse::ImportEvents(data, request);
  if (line) line->Finish(imported.ok() ? imported->events : 0, 0);
  if (!imported.ok()) return imported.status();
  std::printf("imported %llu events into events (%llu already there by uuid, not stored again)\n",
              static_cast<unsigned long long>(imported->events - imported->duplicates),
              static_cast<unsigned long long>(imported->duplicates));
  return Status::OK();
}

}  // namespace

Status RunImport(const GlobalOptions& global, const ImportOptions& options) {
  if (options.events) {
    if (options.arguments.empty()) return InvalidArgument("import --events needs files");
    return RunEventImport(global, options);
  }
  if (options.arguments.size() < 2) {
    return InvalidArgument(
        "import needs a table name and at least one file: larder import NAME "
        "FILE…");
  }
  warehouse::ImportRequest request;
  request.table = options.arguments[0];
  request.files.assign(options.arguments.begin() + 1, options.arguments.end());
  if (!options.format.empty()) {
    LARDER_ASSIGN_OR_RETURN(request.format, warehouse::ParseImportFormat(options.format));
  }
  for (const std::string& text : options.columns) {
    LARDER_ASSIGN_OR_RETURN(warehouse::ColumnOverride column, warehouse::ParseColumnOverride(text));
    request.column_types.push_back(std::move(column));
  }
  request.replace = options.replace;

  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  request.project_id = options.project_id == 0 ? data->default_project().id : options.project_id;
  LARDER_ASSIGN_OR_RETURN(catalog::Project project, data->catalog().GetProject(request.project_id));
  (void)project;  // It exists.
  ImportProgressLines progress(request.table);
  request.progress = [&progress](const warehouse::ImportProgress& update) {
    progress.Update(update);
  };
  auto imported = warehouse::ImportTable(data, request);
  progress.Finish();
  if (!imported.ok()) return imported.status();
  const uint64_t rows = imported->rows;
  const size_t columns = imported->schema.fields.size();
  std::printf("imported %llu row%s into %s (%zu column%s)\n", static_cast<unsigned long long>(rows),
              rows == 1 ? "" : "s", request.table.c_str(), columns, columns == 1 ? "" : "s");
  return Status::OK();
}

}  // namespace larder::cli
