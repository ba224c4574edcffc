#include "catalog/migrations.h"

#include <gtest/gtest.h>

#include <vector>

#include "catalog/catalog.h"
#include "catalog/test_temp_dir.h"

namespace larder::catalog {
namespace {

constexpr Migration kFirst = {1, "create a", "CREATE TABLE a(x INTEGER)"};
constexpr Migration kSecond = {2, "create b", "CREATE TABLE b(y INTEGER)"};
// Creates c, then fails: the whole migration must roll back, c included.
constexpr Migration kBroken = {2, "broken",
                               "CREATE TABLE c(z); INSERT INTO no_such_table VALUES(1)"};

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    db_.reset();
    Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  Result<int> Apply(std::vector<Migration> migrations) {
    return ApplyMigrations(*db_, clock_, migrations);
  }

  bool HasTable(std::string_view name) {
    Result<std::vector<int64_t>> found = QueryAll(
        *db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", &ReadInt64, name);
    EXPECT_TRUE(found.ok());
    return found.ok() && !found->empty();
  }

  // (version, applied_at) of every recorded migration.
  std::vector<std::pair<int64_t, int64_t>> Recorded() {
    Result<std::vector<std::pair<int64_t, int64_t>>> rows = QueryAll(
        *db_, "SELECT version, applied_at FROM schema_migrations ORDER BY version", &ReadPair);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<std::pair<int64_t, int64_t>>{};
  }

  static Result<int64_t> ReadInt64(const Statement& row) { return row.ColumnInt64(0); }
  static Result<std::pair<int64_t, int64_t>> ReadPair(const Statement& row) {
    return std::make_pair(row.ColumnInt64(0), row.ColumnInt64(1));
  }

  TestTempDir dir_;
  std::string path_ = dir_.File("catalog.db");
  ManualClock clock_{1'000'000};
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(MigrationsTest, FreshDatabaseGetsEveryCatalogMigration) {
  Result<int> version = ApplyMigrations(*db_, clock_, CatalogMigrations());
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, CatalogMigrations().back().version);
  for (std::string_view table : {"projects", "personal_api_keys", "tables"}) {
    EXPECT_TRUE(HasTable(table)) << table;
  }
  EXPECT_EQ(Recorded().size(), CatalogMigrations().size());
}

TEST_F(MigrationsTest, CatalogMigrationVersionsCountUpFromOne) {
  int expected = 1;
  for (const Migration& migration : CatalogMigrations()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.description.empty());
  }
}

TEST_F(MigrationsTest, ReopeningDoesNotReapply) {
  ASSERT_TRUE(Apply({kFirst, kSecond}).ok());
  std::vector<std::pair<int64_t, int64_t>> before = Recorded();
  ASSERT_EQ(before, (std::vector<std::pair<int64_t, int64_t>>{{1, 1'000'000}, {2, 1'000'000}}));

  Reopen();
  clock_.AdvanceMicros(5);
  // Re-running CREATE TABLE a would fail, so success means nothing ran again.
  Result<int> version = Apply({kFirst, kSecond});
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 2);
  EXPECT_EQ(Recorded(), before);
}

TEST_F(MigrationsTest, AppendedMigrationIsAppliedAlone) {
  ASSERT_TRUE(Apply({kFirst}).ok());
  clock_.SetMicros(2'000'000);
  Result<int> version = Apply({kFirst, kSecond});
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 2);
  EXPECT_TRUE(HasTable("b"));
  EXPECT_EQ(Recorded(), (std::vector<std::pair<int64_t, int64_t>>{{1, 1'000'000}, {2, 2'000'000}}));
}

TEST_F(MigrationsTest, NewerStoredVersionIsRefused) {
  ASSERT_TRUE(Apply({kFirst}).ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO schema_migrations VALUES(7, 'from the future', 0)").ok());
  Result<int> version = Apply({kFirst, kSecond});
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(version.status().message(),
            "catalog " + path_ +
                " has schema version 7 but this larder knows only up to 2; upgrade larder");
  EXPECT_FALSE(HasTable("b"));
}

TEST_F(MigrationsTest, FailingMigrationLeavesThePreviousVersion) {
  Result<int> version = Apply({kFirst, kBroken});
  ASSERT_FALSE(version.ok());
  EXPECT_NE(version.status().message().find("applying migration 2 (broken) to catalog " + path_),
            std::string::npos)
      << version.status().ToString();
  EXPECT_NE(version.status().message().find("no such table: no_such_table"), std::string::npos);

  EXPECT_TRUE(HasTable("a"));
  EXPECT_FALSE(HasTable("c"));
  Result<int> stored = StoredSchemaVersion(*db_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, 1);
  EXPECT_FALSE(db_->InTransaction());
}

TEST_F(MigrationsTest, MisorderedListIsABug) {
  Result<int> version = Apply({kSecond, kFirst});
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), StatusCode::kInternal);
  EXPECT_FALSE(HasTable("a"));
  EXPECT_FALSE(HasTable("b"));
}

TEST_F(MigrationsTest, CatalogOpenWithFailingMigrationFailsAndKeepsVersion) {
  db_.reset();
  const Migration good_list[] = {kFirst};
  const Migration broken_list[] = {kFirst, kBroken};
  {
    Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(path_, &clock_, good_list);
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    EXPECT_EQ((*catalog)->SchemaVersion(), 1);
  }
  Result<std::unique_ptr<Catalog>> broken = Catalog::Open(path_, &clock_, broken_list);
  EXPECT_FALSE(broken.ok());
  Result<std::unique_ptr<Catalog>> reopened = Catalog::Open(path_, &clock_, good_list);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->SchemaVersion(), 1);
}

}  // namespace
}  // namespace larder::catalog
