#include "catalog/sqlite_db.h"

#include <gtest/gtest.h>

#include "catalog/test_temp_dir.h"

namespace larder::catalog {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(dir_.File("test.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v, u TEXT UNIQUE)").ok());
  }

  // The single value `sql` returns, as text.
  std::string QueryText(std::string_view sql) {
    Result<Statement> statement = db_->Prepare(sql);
    EXPECT_TRUE(statement.ok()) << statement.status().ToString();
    if (!statement.ok()) return "";
    Result<bool> has_row = statement->Step();
    EXPECT_TRUE(has_row.ok() && *has_row) << sql;
    return has_row.ok() && *has_row ? statement->ColumnText(0) : "";
  }

  int64_t CountRows() { return std::stoll(QueryText("SELECT COUNT(*) FROM t")); }

  TestTempDir dir_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(SqliteDbTest, OpenSetsWalForeignKeysAndBusyTimeout) {
  EXPECT_EQ(QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText("PRAGMA busy_timeout"), "5000");
}

TEST_F(SqliteDbTest, OpenInMissingDirectoryIsIOErrorNamingThePath) {
  std::string path = dir_.File("missing/dir/test.db");
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kIOError);
  EXPECT_NE(db.status().message().find(path), std::string::npos) << db.status().ToString();
}

TEST_F(SqliteDbTest, BindsAndReadsBackEveryType) {
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 1, int64_t{-1} << 40).ok());
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 2, 2.5).ok());
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 3, std::string("a\0b", 3)).ok());
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 4, "").ok());
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 5, nullptr).ok());

  Result<Statement> select = db_->Prepare("SELECT v FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  auto next_row = [&] {
    Result<bool> has_row = select->Step();
    ASSERT_TRUE(has_row.ok() && *has_row);
  };
  next_row();
  EXPECT_EQ(select->ColumnInt64(0), int64_t{-1} << 40);
  next_row();
  EXPECT_EQ(select->ColumnDouble(0), 2.5);
  next_row();
  EXPECT_EQ(select->ColumnText(0), std::string("a\0b", 3));
  next_row();
  EXPECT_FALSE(select->ColumnIsNull(0)) << "an empty string must not bind as NULL";
  EXPECT_EQ(select->ColumnText(0), "");
  next_row();
  EXPECT_TRUE(select->ColumnIsNull(0));
  EXPECT_EQ(select->ColumnOptionalInt64(0), std::nullopt);
  Result<bool> done = select->Step();
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(*done);
}

TEST_F(SqliteDbTest, ResetRunsTheStatementAgain) {
  Result<Statement> insert = db_->Prepare("INSERT INTO t(v) VALUES(?)");
  ASSERT_TRUE(insert.ok());
  for (int64_t value : {10, 20, 30}) {
    ASSERT_TRUE(insert->Bind(1, value).ok());
    ASSERT_TRUE(insert->Step().ok());
    insert->Reset();
  }
  EXPECT_EQ(CountRows(), 3);
  EXPECT_EQ(QueryText("SELECT SUM(v) FROM t"), "60");
}

TEST_F(SqliteDbTest, ErrorsNameTheOperationTheSqlAndSqlitesMessage) {
  Result<Statement> bad = db_->Prepare("SELEC 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
  EXPECT_NE(bad.status().message().find("prepare of `SELEC 1`"), std::string::npos);
  EXPECT_NE(bad.status().message().find("syntax error"), std::string::npos);
  EXPECT_NE(bad.status().message().find("test.db"), std::string::npos);

  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(u) VALUES(?)", "x").ok());
  Status duplicate = Execute(*db_, "INSERT INTO t(u) VALUES(?)", "x");
  EXPECT_EQ(duplicate.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(duplicate.message().find("step of `INSERT INTO t(u) VALUES(?)`"), std::string::npos)
      << duplicate.ToString();
  EXPECT_NE(duplicate.message().find("UNIQUE constraint failed: t.u"), std::string::npos);

  Result<Statement> one = db_->Prepare("SELECT ?");
  ASSERT_TRUE(one.ok());
  Status out_of_range = one->Bind(2, int64_t{1});
  EXPECT_NE(out_of_range.message().find("bind of `SELECT ?`"), std::string::npos);
}

TEST_F(SqliteDbTest, ExecRunsEveryStatementAndPrepareOnlyOne) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t(v) VALUES(1); INSERT INTO t(v) VALUES(2);\n").ok());
  EXPECT_EQ(CountRows(), 2);
  Result<Statement> two = db_->Prepare("SELECT 1; SELECT 2");
  EXPECT_FALSE(two.ok());
}

TEST_F(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  {
    Result<Transaction> transaction = Transaction::Begin(db_.get());
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t(v) VALUES(1)").ok());
    EXPECT_TRUE(db_->InTransaction());
  }
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(CountRows(), 0);
  {
    Result<Transaction> transaction = Transaction::Begin(db_.get());
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t(v) VALUES(1)").ok());
    ASSERT_TRUE(transaction->Commit().ok());
  }
  EXPECT_EQ(CountRows(), 1);
}

TEST_F(SqliteDbTest, ChangedRowsAndLastInsertRowId) {
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 41, 1).ok());
  EXPECT_EQ(db_->LastInsertRowId(), 41);
  ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, v) VALUES(?, ?)", 42, 1).ok());
  ASSERT_TRUE(Execute(*db_, "UPDATE t SET v = 2 WHERE v = ?", 1).ok());
  EXPECT_EQ(db_->ChangedRows(), 2);
  ASSERT_TRUE(Execute(*db_, "DELETE FROM t WHERE id = ?", 99).ok());
  EXPECT_EQ(db_->ChangedRows(), 0);
}

}  // namespace
}  // namespace larder::catalog
