// FakeSource: a source in memory for tests of the sync engine — one table `t` (id Int64,
// key Nullable(Int64), name String) that can be told to fail after some batches.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sources/source.h"

namespace larder::sync {

// A source with one table `t` (id Int64, key Nullable(Int64), name String) held in memory,
// which can be told to fail after delivering some batches.
class FakeSource : public sources::Source {
 public:
  struct Row {
    int64_t id;
    std::optional<int64_t> key;
    std::string name;
  };
  std::vector<Row> rows;
  int fail_after_batches = -1;
  // Called before each batch is delivered (tests hold a read here); may be empty.
  std::function<void()> before_batch;

  static Schema TableSchema() {
    return Schema{{{"id", LogicalType::Int64()},
                   {"key", LogicalType::Int64().WithNullable(true)},
                   {"name", LogicalType::String()}}};
  }
  Status Check() override { return Status::OK(); }
  Result<std::vector<sources::SourceTable>> Discover() override {
    sources::SourceTable table{"t", {}, {"id"}, rows.size()};
    for (const Field& field : TableSchema().fields) {
      table.columns.push_back({field.name, field.name == "name" ? "text" : "bigint", field.type,
                               field.type.nullable(), field.name != "name", field.name == "id"});
    }
    return std::vector<sources::SourceTable>{table};
  }
  Status Read(const sources::ReadRequest& request, const sources::BatchSink& sink) override {
    std::vector<Row> selected;
    for (const Row& row : rows) {
      if (request.cursor_column.empty() || !request.cursor) {
        selected.push_back(row);
      } else if (row.key && *row.key >= request.cursor->as_int64()) {
        selected.push_back(row);
      }
    }
    if (!request.cursor_column.empty()) {
      std::stable_sort(selected.begin(), selected.end(), [](const Row& a, const Row& b) {
        return a.key.value_or(INT64_MAX) < b.key.value_or(INT64_MAX);  // NULLs last.
      });
    }
    int batches = 0;
    for (size_t start = 0; start < selected.size(); start += request.batch_rows) {
      if (before_batch) before_batch();
      if (batches++ == fail_after_batches) {
        return Status(StatusCode::kUnavailable, "the source went away");
      }
      Batch batch = Batch::Empty(TableSchema());
      for (size_t i = start; i < std::min(selected.size(), start + request.batch_rows); ++i) {
        batch.columns[0].Append<int64_t>(selected[i].id);
        if (selected[i].key) {
          batch.columns[1].Append<int64_t>(*selected[i].key);
        } else {
          batch.columns[1].AppendNull();
        }
        batch.columns[2].AppendString(selected[i].name);
      }
      LARDER_RETURN_IF_ERROR(sink(std::move(batch)));
    }
    return Status::OK();
  }
};

}  // namespace larder::sync
