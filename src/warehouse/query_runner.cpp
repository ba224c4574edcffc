#include "warehouse/query_runner.h"

#include "hogql/parser.h"
#include "planner/optimizer.h"
#include "storage/table_scan.h"
#include "types/time_zone.h"
#include "warehouse/catalog_tables.h"
#include "warehouse/person_tables.h"

namespace larder::warehouse {
namespace {

// `type` with its DateTimes (also those in arrays) that have no zone given `zone`.
LogicalType WithZone(const LogicalType& type, const TimeZone* zone) {
  if (type.id() == TypeId::kArray) {
    return LogicalType::Array(WithZone(type.element(), zone)).WithNullable(type.nullable());
  }
  if (type.id() != TypeId::kDateTime || type.time_zone()) return type;
  return LogicalType::DateTime(zone).WithNullable(type.nullable());
}

// HogQL shows DateTime values on the project's wall clock (PostHog prints every DateTime field
// as toTimeZone(field, the team's zone)): result columns of DateTime without a zone of their
// own, or arrays of them, get the project's. UTC projects keep plain DateTime, which prints in
// UTC anyway.
Status ShowInProjectZone(std::string_view zone_name, execution::QueryResult* result) {
  if (zone_name == "UTC") return Status::OK();
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, LookupTimeZone(zone_name));
  for (size_t column = 0; column < result->schema.fields.size(); ++column) {
    LogicalType& type = result->schema.fields[column].type;
    const LogicalType zoned_type = WithZone(type, zone);
    if (zoned_type.ToString() == type.ToString()) continue;
    type = zoned_type;
    for (execution::Chunk& chunk : result->chunks) {
      const ColumnVector& values = chunk.columns[column];
      ColumnVector zoned(WithZone(values.type(), zone));
      zoned.AppendRange(values, 0, values.size());
      chunk.columns[column] = std::move(zoned);
    }
  }
  return Status::OK();
}

class StorageScanner : public execution::TableScanner {
 public:
  explicit StorageScanner(storage::TableScan scan) : scan_(std::move(scan)) {}
  size_t MorselCount() const override { return scan_.morsels().size(); }
  size_t MorselRows(size_t morsel) const override { return scan_.morsels()[morsel].rows; }
  Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const override {
    return scan_.ReadColumn(scan_.morsels()[morsel], column);
  }
  Result<ColumnVector> ReadColumnRows(size_t morsel, size_t column,
                                      const std::vector<uint32_t>& rows) const override {
    return scan_.ReadColumn(scan_.morsels()[morsel], column, &rows);
  }
  std::optional<storage::ZoneMap> MorselZoneMap(size_t morsel, size_t column) const override {
    return scan_.MorselZoneMap(scan_.morsels()[morsel], column);
  }

 private:
  storage::TableScan scan_;
};

}  // namespace

Result<std::unique_ptr<execution::TableScanner>> DirectoryTableReader::OpenScan(
    const std::string& table, const std::vector<std::string>& columns,
    const std::vector<storage::ColumnPredicate>& prune) {
  Result<catalog::TableEntry> entry = data_->catalog().GetTable(project_id_, table);
  if (entry.ok() && entry->kind == catalog::TableKind::kSelfManaged) {
    if (!data_->external_scan_opener()) {
      return FailedPrecondition(
          "table {} is read from files in place, which this program cannot do", table);
    }
    return data_->external_scan_opener()(*entry, columns, prune);
  }
  if (PersonTableSchema(table) && !entry.ok()) {
    LARDER_ASSIGN_OR_RETURN(Batch rows, PersonTableRows(data_, project_id_, table));
    return execution::ScanBatch(std::move(rows), table, columns);
  }
  LARDER_ASSIGN_OR_RETURN(storage::Table * stored, data_->OpenTable(project_id_, table));
  storage::ScanOptions options;
  options.columns = columns;
  options.predicates = prune;
  if (columns.empty()) {
    // No column is needed (SELECT count() FROM t): read the row counts of the blocks only.
    options.columns.push_back(stored->Snapshot()->schema().fields.at(0).name);
  }
  LARDER_ASSIGN_OR_RETURN(storage::TableScan scan,
                          storage::TableScan::Create(stored->Snapshot(), std::move(options)));
  return std::unique_ptr<execution::TableScanner>(new StorageScanner(std::move(scan)));
}

Result<QueryResponse> RunHogQLQuery(DataDirectory& data, int64_t project_id,
                                    const functions::FunctionRegistry& functions, ThreadPool& pool,
                                    const QueryRequest& request) {
  QueryResponse response;
  hogql::ParseResult parsed = hogql::ParseSelect(request.text);
  if (parsed.error) {
    response.error = std::move(parsed.error);
    return response;
  }
  CatalogTables tables(&data, project_id);
  planner::BindResult bound =
      planner::BindQuery(*parsed.node, request.text, tables, functions, request.parameters);
  if (bound.error) {
    response.error = std::move(bound.error);
    return response;
  }
  planner::LogicalPtr plan = planner::Optimize(std::move(bound.plan), functions);
  if (request.explain) {
    response.plan_text = planner::ExplainPlan(*plan);
    return response;
  }
  LARDER_ASSIGN_OR_RETURN(catalog::Project project, data.catalog().GetProject(project_id));
  execution::ExecuteOptions options;
  options.memory_limit = request.memory_limit;
  options.cancel = request.cancel;
  options.time_zone = project.timezone.empty() ? "UTC" : project.timezone;
  DirectoryTableReader reader(&data, project_id);
  LARDER_ASSIGN_OR_RETURN(response.result, execution::ExecutePlan(*plan, reader, pool, options));
  LARDER_RETURN_IF_ERROR(ShowInProjectZone(options.time_zone, &response.result));
  return response;
}

}  // namespace larder::warehouse
