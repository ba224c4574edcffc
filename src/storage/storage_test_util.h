// Helpers for storage tests: building batches from values and reading tables back as values.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/memory_file_system.h"
#include "storage/table.h"
#include "storage/table_scan.h"
#include "types/column_vector.h"

namespace larder::storage::testing {

using Rows = std::vector<std::vector<Value>>;

inline Batch MakeBatch(const Schema& schema, const Rows& rows) {
  Batch batch = Batch::Empty(schema);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) batch.columns[c].AppendValue(row[c]);
  }
  return batch;
}

inline Rows BatchRows(const Batch& batch) {
  Rows rows(batch.num_rows());
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    for (const ColumnVector& column : batch.columns) rows[row].push_back(column.GetValue(row));
  }
  return rows;
}

// Every row of the table's current version, in storage order.
inline Rows ReadTable(const Table& table) {
  auto scan = TableScan::Create(table.Snapshot(), {});
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  if (!scan.ok()) return {};
  auto all = scan->ReadAll();
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? BatchRows(*all) : Rows{};
}

// A storage environment over an in-memory, fault-injecting file system with a manual clock.
struct MemoryStorage {
  MemoryFileSystem memory;
  FaultInjectingFileSystem faults{&memory};
  ManualClock clock{1'700'000'000'000'000};
  StorageEnv env{&faults, nullptr, &clock};
};

}  // namespace larder::storage::testing
