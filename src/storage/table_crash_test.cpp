// Crash safety: every mutating file-system step of every kind of commit is made to fail (once,
// or as a crash that stops the machine), then the machine "reboots" dropping everything not
// durable. The reopened table must be exactly the version before or after the commit — after,
// whenever the commit reported success — with every checksum intact and no leftover files.
#include <gtest/gtest.h>

#include <functional>

#include "common/logging.h"
#include "storage/storage_test_util.h"
#include "storage/table.h"
#include "storage/table_writer.h"

namespace larder::storage {
namespace {

using testing::MakeBatch;
using testing::ReadTable;
using testing::Rows;

const Schema kSchema{{{"id", LogicalType::Int64()}, {"name", LogicalType::String()}}};

Rows MakeRows(int64_t first, int64_t count) {
  Rows rows;
  for (int64_t id = first; id < first + count; ++id) {
    rows.push_back({Value::Int64(id), Value::String("row " + std::to_string(id))});
  }
  return rows;
}

Status Append(Table* table, const Rows& rows, bool replace_all = false) {
  auto writer = table->NewWriter();
  if (replace_all) writer->ReplaceAll();
  LARDER_RETURN_IF_ERROR(writer->Append(MakeBatch(kSchema, rows)));
  writer->SetMetadata("cursor", std::to_string(rows.size()));
  return writer->Commit();
}

// What a reader can observe of a table version.
struct Observed {
  uint64_t version;
  Schema schema;
  Rows rows;
  std::map<std::string, std::string> metadata;
  bool operator==(const Observed&) const = default;
};

Observed Observe(const Table& table) {
  auto snapshot = table.Snapshot();
  return {snapshot->version(), snapshot->schema(), ReadTable(table), snapshot->manifest().metadata};
}

struct Operation {
  std::string name;
  int small_parts;  // Parts in the table before the operation.
  std::function<Status(Table*)> run;
};

std::vector<Operation> Operations() {
  return {
      {"append", 1, [](Table* t) { return Append(t, MakeRows(100, 25)); }},
      {"full refresh swap", 2, [](Table* t) { return Append(t, MakeRows(500, 12), true); }},
      {"add column", 1,
       [](Table* t) { return t->AddColumn("extra", LogicalType::Int64().WithNullable(true)); }},
      {"widen column", 1, [](Table* t) { return t->WidenColumn("id", LogicalType::Float64()); }},
      {"compaction", 5,
       [](Table* t) -> Status {
         CompactionPolicy policy;
         policy.min_parts = 2;
         LARDER_ASSIGN_OR_RETURN(bool merged, t->CompactOnce(policy));
         if (!merged) return Internal("nothing was compacted");
         return Status::OK();
       }},
  };
}

class CrashTest : public ::testing::Test {
 protected:
  // Removing a retired part fails on purpose here; the warnings would only be noise.
  void SetUp() override {
    saved_level_ = GetLogLevel();
    SetLogLevel(LogLevel::kError);
  }
  void TearDown() override { SetLogLevel(saved_level_); }
  LogLevel saved_level_ = LogLevel::kWarning;

  // A fresh table holding `parts` committed parts of 4 rows each.
  std::unique_ptr<Table> Setup(testing::MemoryStorage* storage, int parts) {
    TableSettings settings;
    settings.block_rows = 3;
    settings.part_rows = 10;
    auto table = Table::Create(storage->env, "/db/t", "t", kSchema, {"id"}, settings);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    for (int part = 0; part < parts; ++part) {
      EXPECT_TRUE(Append(table->get(), MakeRows(part * 4, 4)).ok());
    }
    return std::move(*table);
  }

  // Checks the directory holds exactly the manifest and the live parts.
  void ExpectNoLeftovers(testing::MemoryStorage* storage, const Table& table) {
    auto names = storage->memory.ListDir("/db/t");
    ASSERT_TRUE(names.ok());
    EXPECT_EQ(names->size(), table.Snapshot()->parts().size() + 1);
  }
};

TEST_F(CrashTest, EveryStepOfEveryCommitFailsOrCrashesSafely) {
  for (const Operation& op : Operations()) {
    // A run without faults: what "before" and "after" look like, and how many steps it takes.
    testing::MemoryStorage clean;
    auto table = Setup(&clean, op.small_parts);
    Observed before = Observe(*table);
    clean.faults.ResetCounter();
    ASSERT_TRUE(op.run(table.get()).ok()) << op.name;
    const int64_t steps = clean.faults.mutating_ops();
    Observed after = Observe(*table);
    ASSERT_NE(before, after) << op.name;
    ASSERT_GT(steps, 2) << op.name;

    int saw_before = 0, saw_after = 0;
    for (bool crash : {false, true}) {
      for (int64_t step = 1; step <= steps; ++step) {
        SCOPED_TRACE(fmt::format("{}, {} at step {} of {}", op.name, crash ? "crash" : "failure",
                                 step, steps));
        testing::MemoryStorage storage;
        auto live = Setup(&storage, op.small_parts);
        ASSERT_EQ(Observe(*live), before);
        storage.faults.FailNth(kFaultAll, step, crash);
        Status status = op.run(live.get());
        if (!status.ok()) {
          EXPECT_EQ(status.code(), StatusCode::kIOError) << status.ToString();
          // The running table still serves the old version.
          EXPECT_EQ(Observe(*live), before);
        } else {
          EXPECT_EQ(Observe(*live), after);
        }
        live.reset();
        storage.faults.CrashAndRecover();

        auto reopened = Table::Open(storage.env, "/db/t", "t");
        ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
        Observed seen = Observe(**reopened);
        saw_before += seen == before;
        saw_after += seen == after;
        if (status.ok()) {
          EXPECT_EQ(seen, after);
        } else {
          EXPECT_TRUE(seen == before || seen == after);
        }
        EXPECT_TRUE((*reopened)->Verify().ok());
        ExpectNoLeftovers(&storage, **reopened);
        // And the table takes new commits after recovery (rows of its current schema).
        if (seen.schema.fields[0].type != LogicalType::Int64()) continue;
        Status again = Append(reopened->get(), MakeRows(900, 2));
        EXPECT_TRUE(again.ok()) << again.ToString();
      }
    }
    // Early faults must leave the old version and late ones the new: both must be seen.
    EXPECT_GT(saw_before, 0) << op.name;
    EXPECT_GT(saw_after, 0) << op.name;
  }
}

TEST_F(CrashTest, AFailedCommitKeepsTheTableUsable) {
  testing::MemoryStorage storage;
  auto table = Setup(&storage, 1);
  Observed before = Observe(*table);
  storage.faults.FailNth(kFaultSync, 1, false);  // The first part's fsync fails.
  EXPECT_EQ(Append(table.get(), MakeRows(50, 5)).code(), StatusCode::kIOError);
  EXPECT_EQ(Observe(*table), before);
  ASSERT_TRUE(Append(table.get(), MakeRows(50, 5)).ok());
  EXPECT_EQ(ReadTable(*table).size(), 9u);
}

TEST_F(CrashTest, UnknownCommitOutcomeBlocksFurtherCommitsUntilReopen) {
  testing::MemoryStorage storage;
  auto table = Setup(&storage, 1);
  // Fail the directory sync after the manifest rename: the commit may or may not be durable.
  storage.faults.FailNth(kFaultSyncDir, 2, false);
  EXPECT_EQ(Append(table.get(), MakeRows(50, 5)).code(), StatusCode::kIOError);
  Status blocked = Append(table.get(), MakeRows(60, 5));
  EXPECT_EQ(blocked.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(blocked.message().find("reopen the table"), std::string::npos);
  table.reset();
  auto reopened = Table::Open(storage.env, "/db/t", "t");
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE((*reopened)->Verify().ok());
  EXPECT_EQ(ReadTable(**reopened).size(), 9u);  // Without a crash the rename stands.
}

}  // namespace
}  // namespace larder::storage
