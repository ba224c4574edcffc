// `larder demo`: sends sample events through ingestion (event log, person processing) into the
// default project's `events`, then runs sample HogQL queries on them.
#include <cstdio>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/progress_line.h"
#include "functions/function_registry.h"
#include "warehouse/ingestion_target.h"
#include "warehouse/query_runner.h"
#include "warehouse/result_format.h"
#include "warehouse/sample_events.h"

namespace larder::cli {

constexpr const char* kDemoQueries[] = {
    "SELECT event, count() AS events FROM events GROUP BY event ORDER BY events DESC",
    "SELECT properties.$browser AS browser, uniq(distinct_id) AS users FROM events "
    "GROUP BY browser ORDER BY users DESC",
    "SELECT toStartOfDay(timestamp) AS day, count() FROM events GROUP BY day ORDER BY day LIMIT 5",
    "SELECT count() AS persons, countIf(is_identified) AS identified FROM persons",
};

Status LoadDemoEvents(warehouse::DataDirectory* data, int64_t events) {
  const int64_t project = data->default_project().id;
  warehouse::DirectoryIngestionTarget target(data);
  LARDER_ASSIGN_OR_RETURN(storage::Table * table, target.EventsTable(project));
  const uint64_t stored = table->Snapshot()->row_count();
  if (stored >= static_cast<uint64_t>(events)) return Status::OK();
  LARDER_ASSIGN_OR_RETURN(auto ingester, analytics::EventIngester::Open(
                                             data->env().fs, data->EventsLogDir(), &target, {}));
  const uint64_t count = static_cast<uint64_t>(events) - stored;
  ProgressLine progress("loading sample events", count);
  LARDER_RETURN_IF_ERROR(warehouse::LoadSampleEvents(
      ingester.get(), project, {}, stored, count, [&](uint64_t done) { progress.Update(done); }));
  progress.Finish(count);
  return ingester->Stop();
}

Status RunDemo(const GlobalOptions& global, const DemoOptions& options) {
  if (options.events < 1) return InvalidArgument("--events must be at least 1");
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_RETURN_IF_ERROR(LoadDemoEvents(data, options.events));
  functions::FunctionRegistry functions = functions::BuiltinFunctions();
  for (const char* text : kDemoQueries) {
    warehouse::QueryRequest request;
    request.text = text;
    LARDER_ASSIGN_OR_RETURN(auto response,
                            warehouse::RunHogQLQuery(*data, data->default_project().id, functions,
                                                     environment.pool(), request));
    if (response.error) return response.error->ToStatus();
    std::printf(
        "%s\n%s\n", text,
        warehouse::FormatBatch(response.result.ToBatch(), warehouse::OutputFormat::kTable).c_str());
  }
  return Status::OK();
}

}  // namespace larder::cli
