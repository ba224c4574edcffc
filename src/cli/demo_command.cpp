// `larder demo`: fills the data directory with sample events and runs sample queries on them.
#include <cstdio>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/progress_line.h"
#include "cli/result_printer.h"
#include "storage/table_writer.h"
#include "types/datetime.h"
#include "warehouse/sample_events.h"
#include "warehouse/scan_aggregates.h"

namespace larder::cli {
namespace {

constexpr size_t kDemoBatchRows = 100000;

Result<storage::Table*> OpenOrCreateEvents(warehouse::DataDirectory* data) {
  const int64_t project = data->default_project().id;
  if (data->catalog().GetTable(project, "events").ok()) return data->OpenTable(project, "events");
  return data->CreateTable(project, "events", catalog::TableKind::kEvents,
                           warehouse::SampleEventsSchema(), {"timestamp"}, {});
}

Status LoadSampleEvents(storage::Table* table, uint64_t first_row, uint64_t count) {
  auto writer = table->NewWriter();
  warehouse::SampleEventsOptions options;
  ProgressLine progress("loading sample events", count);
  for (uint64_t done = 0; done < count;) {
    size_t rows = static_cast<size_t>(std::min<uint64_t>(kDemoBatchRows, count - done));
    LARDER_RETURN_IF_ERROR(
        writer->Append(warehouse::GenerateSampleEvents(options, first_row + done, rows)));
    done += rows;
    progress.Update(done);
  }
  progress.Finish(count);
  writer->SetMetadata("demo.rows", std::to_string(first_row + count));
  return writer->Commit();
}

}  // namespace

Status RunDemo(const GlobalOptions& global, const DemoOptions& options) {
  if (options.events < 1) return InvalidArgument("--events must be at least 1");
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(storage::Table * events, OpenOrCreateEvents(data));
  auto before = events->Snapshot();
  uint64_t loaded =
      before->metadata("demo.rows").empty() ? 0 : std::stoull(before->metadata("demo.rows"));
  if (loaded < static_cast<uint64_t>(options.events)) {
    LARDER_RETURN_IF_ERROR(
        LoadSampleEvents(events, loaded, static_cast<uint64_t>(options.events) - loaded));
  }
  auto snapshot = events->Snapshot();
  std::printf("events: %llu rows in %zu parts\n\n", (unsigned long long)snapshot->row_count(),
              snapshot->parts().size());

  std::printf("SELECT event, count() FROM events GROUP BY event ORDER BY count() DESC\n");
  LARDER_ASSIGN_OR_RETURN(auto by_event, storage::TableScan::Create(snapshot, {{"event"}, {}}));
  LARDER_ASSIGN_OR_RETURN(auto counts, warehouse::CountByString(by_event, data->env().pool));
  Batch result =
      Batch::Empty(Schema{{{"event", LogicalType::String()}, {"count()", LogicalType::Int64()}}});
  for (const auto& [event, count] : counts) {
    result.columns[0].AppendString(event);
    result.columns[1].Append<int64_t>(static_cast<int64_t>(count));
  }
  std::printf("%s\n", FormatBatch(result, OutputFormat::kTable).c_str());

  warehouse::SampleEventsOptions sample;
  int64_t last_hour = sample.start_micros +
                      static_cast<int64_t>(snapshot->row_count()) * sample.average_gap_micros -
                      3600LL * 1000000;
  std::printf("SELECT count() FROM events WHERE timestamp >= '%s'\n",
              FormatDateTime(last_hour).c_str());
  storage::ColumnPredicate recent{"timestamp", storage::ColumnPredicate::Op::kGe,
                                  Value::DateTime(last_hour)};
  LARDER_ASSIGN_OR_RETURN(auto scan,
                          storage::TableScan::Create(snapshot, {{"timestamp"}, {recent}}));
  uint64_t matching = 0;
  for (const auto& morsel : scan.morsels()) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, scan.ReadColumn(morsel, 0));
    for (size_t row = 0; row < values.size(); ++row)
      matching += values.data<int64_t>()[row] >= last_hour;
  }
  std::printf("%llu rows (zone maps skipped %zu of %zu blocks)\n", (unsigned long long)matching,
              scan.blocks_skipped(), scan.blocks_total());
  return Status::OK();
}

}  // namespace larder::cli
