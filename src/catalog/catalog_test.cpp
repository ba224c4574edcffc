#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "catalog/secrets.h"
#include "catalog/test_temp_dir.h"

namespace larder::catalog {
namespace {

constexpr int64_t kStartMicros = 1'700'000'000'000'000;

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    catalog_.reset();
    Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(path_, &clock_);
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(catalog).value();
  }

  Project MakeProject(std::string_view name = "Shop") {
    Result<Project> project = catalog_->CreateProject(name, "UTC");
    EXPECT_TRUE(project.ok()) << project.status().ToString();
    return project.ok() ? *project : Project{};
  }

  // A project for personal API keys (created on first use).
  int64_t KeyProject() {
    if (key_project_ == 0) key_project_ = MakeProject("Keys").id;
    return key_project_;
  }

  TableEntry MakeTable(int64_t project_id, std::string_view name,
                       TableKind kind = TableKind::kSynced) {
    Result<TableEntry> table = catalog_->CreateTable(project_id, name, kind, "loc", "");
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() ? *table : TableEntry{};
  }

  std::vector<std::string> TableNames(int64_t project_id) {
    Result<std::vector<TableEntry>> tables = catalog_->ListTables(project_id);
    EXPECT_TRUE(tables.ok()) << tables.status().ToString();
    std::vector<std::string> names;
    if (tables.ok()) {
      for (const TableEntry& table : *tables) names.push_back(table.name);
    }
    return names;
  }

  // Every byte of every file in the test directory (database, WAL, shared memory).
  std::string AllFileBytes() {
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      std::ifstream file(entry.path(), std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    return bytes;
  }

  TestTempDir dir_;
  std::string path_ = dir_.File("catalog.db");
  ManualClock clock_{kStartMicros};
  std::unique_ptr<Catalog> catalog_;
  int64_t key_project_ = 0;
};

TEST_F(CatalogTest, OpenAppliesEveryMigrationAndReopenKeepsData) {
  EXPECT_EQ(catalog_->SchemaVersion(), CatalogMigrations().back().version);
  Project project = MakeProject();
  Reopen();
  EXPECT_EQ(catalog_->SchemaVersion(), CatalogMigrations().back().version);
  Result<Project> again = catalog_->GetProject(project.id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->api_token, project.api_token);
}

TEST_F(CatalogTest, CreateGetAndListProjects) {
  Result<Project> shop = catalog_->CreateProject("Shop", "Europe/Berlin");
  ASSERT_TRUE(shop.ok()) << shop.status().ToString();
  clock_.AdvanceMicros(10);
  Project blog = MakeProject("Blog");

  EXPECT_EQ(shop->name, "Shop");
  EXPECT_EQ(shop->timezone, "Europe/Berlin");
  EXPECT_EQ(shop->created_at_us, kStartMicros);
  EXPECT_EQ(blog.created_at_us, kStartMicros + 10);

  Result<Project> fetched = catalog_->GetProject(shop->id);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(fetched->name, "Shop");
  EXPECT_EQ(fetched->api_token, shop->api_token);
  EXPECT_EQ(fetched->timezone, "Europe/Berlin");
  EXPECT_EQ(fetched->created_at_us, kStartMicros);

  Result<std::vector<Project>> all = catalog_->ListProjects();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Shop");
  EXPECT_EQ((*all)[1].name, "Blog");
}

TEST_F(CatalogTest, MissingProjectIsNotFound) {
  Result<Project> project = catalog_->GetProject(7);
  EXPECT_EQ(project.status(), NotFound("project 7 does not exist"));
}

TEST_F(CatalogTest, ProjectTokensHaveTheFormatAndAreUnique) {
  std::set<std::string> tokens;
  for (int project_idx = 0; project_idx < 100; ++project_idx) {
    Project project = MakeProject(fmt::format("p{}", project_idx));
    EXPECT_TRUE(project.api_token.starts_with("phc_")) << project.api_token;
    EXPECT_EQ(project.api_token.size(), 4u + 43u);
    EXPECT_EQ(project.api_token.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 4),
              std::string::npos)
        << project.api_token;
    tokens.insert(project.api_token);
  }
  EXPECT_EQ(tokens.size(), 100u);
}

TEST_F(CatalogTest, ConcurrentCallersAreSerialized) {
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([this, thread_idx] {
      for (int project_idx = 0; project_idx < 25; ++project_idx) {
        Result<Project> project =
            catalog_->CreateProject(fmt::format("t{}p{}", thread_idx, project_idx), "UTC");
        ASSERT_TRUE(project.ok()) << project.status().ToString();
        EXPECT_TRUE(catalog_->GetProject(project->id).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  Result<std::vector<Project>> all = catalog_->ListProjects();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 100u);
}

TEST_F(CatalogTest, FindProjectByToken) {
  Project shop = MakeProject("Shop");
  Project blog = MakeProject("Blog");
  Result<Project> found = catalog_->FindProjectByToken(blog.api_token);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, blog.id);

  for (std::string token : {std::string("phc_nope"), std::string(""), shop.api_token + "x"}) {
    Result<Project> unknown = catalog_->FindProjectByToken(token);
    EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated) << token;
  }
}

TEST_F(CatalogTest, ProjectNameAndTimeZoneAreValidated) {
  struct Case {
    std::string name;
    std::string timezone;
    bool ok;
    std::string message_part;
  };
  const Case cases[] = {
      {"Shop", "UTC", true, ""},
      {"Shop", "America/Argentina/Buenos_Aires", true, ""},
      {"Shop", "Etc/GMT+5", true, ""},
      {std::string(200, 'n'), "UTC", true, ""},
      {"", "UTC", false, "project name must not be empty"},
      {std::string(201, 'n'), "UTC", false, "project name is 201 characters long"},
      {"Shop", "Mars/Olympus_Mons", false, "unknown time zone 'Mars/Olympus_Mons'"},
      {"Shop", "", false, "invalid time zone ''"},
      {"Shop", "utc", false, "invalid time zone 'utc'"},
      {"Shop", "GMT", false, "invalid time zone 'GMT'"},
      {"Shop", "Europe", false, "invalid time zone 'Europe'"},
      {"Shop", "Europe/", false, "invalid time zone 'Europe/'"},
      {"Shop", "/etc/passwd", false, "invalid time zone '/etc/passwd'"},
      {"Shop", "Europe/../../../etc/passwd", false, "invalid time zone"},
      {"Shop", "Europe/Berlin ", false, "invalid time zone 'Europe/Berlin '"},
  };
  for (const Case& c : cases) {
    Result<Project> project = catalog_->CreateProject(c.name, c.timezone);
    EXPECT_EQ(project.ok(), c.ok) << c.name << " " << c.timezone;
    if (c.ok || project.ok()) continue;
    EXPECT_EQ(project.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(project.status().message().find(c.message_part), std::string::npos)
        << project.status().ToString();
  }
}

TEST_F(CatalogTest, PersonalApiKeyIsStoredOnlyAsItsHash) {
  Result<NewApiKey> created = catalog_->CreatePersonalApiKey("deploy bot", KeyProject());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string& key = created->key;
  EXPECT_TRUE(HasTokenFormat(key, "phx_", 47)) << key;
  EXPECT_EQ(created->entry.label, "deploy bot");
  EXPECT_EQ(created->entry.mask_value, "phx_..." + key.substr(key.size() - 4));
  EXPECT_EQ(created->entry.created_at_us, kStartMicros);
  EXPECT_EQ(created->entry.last_used_at_us, std::nullopt);
  catalog_.reset();

  std::string random_part = key.substr(4);
  Result<std::string> hash = Sha256Hex(key);
  ASSERT_TRUE(hash.ok());
  std::string bytes = AllFileBytes();
  EXPECT_NE(bytes.find(*hash), std::string::npos) << "the scan does not see the stored rows";
  EXPECT_EQ(bytes.find(random_part), std::string::npos) << "plaintext key found on disk";
  EXPECT_EQ(bytes.find(random_part.substr(0, 20)), std::string::npos);

  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_);
  ASSERT_TRUE(db.ok());
  Result<Statement> row =
      (*db)->Prepare("SELECT label, mask_value, secure_value FROM personal_api_keys");
  ASSERT_TRUE(row.ok());
  ASSERT_TRUE(*row->Step());
  for (int column = 0; column < 3; ++column) {
    EXPECT_EQ(row->ColumnText(column).find(random_part.substr(0, 20)), std::string::npos);
  }
  EXPECT_EQ(row->ColumnText(2), *hash);
}

TEST_F(CatalogTest, VerifyPersonalApiKey) {
  Result<NewApiKey> created = catalog_->CreatePersonalApiKey("ci", KeyProject());
  ASSERT_TRUE(created.ok());
  clock_.AdvanceMicros(42);

  Result<PersonalApiKey> verified = catalog_->VerifyPersonalApiKey(created->key);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->id, created->entry.id);
  EXPECT_EQ(verified->last_used_at_us, kStartMicros + 42);
  Result<std::vector<PersonalApiKey>> listed = catalog_->ListPersonalApiKeys();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].last_used_at_us, kStartMicros + 42);

  std::string wrong = created->key;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  const std::string rejected[] = {
      wrong,                            // Well-formed but unknown.
      created->key + "A",               // Too long.
      created->key.substr(0, 50),       // Too short.
      "phc_" + created->key.substr(4),  // A project token's prefix.
      created->key.substr(0, 50) + "!",
      "",
  };
  for (const std::string& key : rejected) {
    Result<PersonalApiKey> result = catalog_->VerifyPersonalApiKey(key);
    EXPECT_EQ(result.status(), Status(StatusCode::kUnauthenticated, "invalid personal API key"))
        << key;
  }
}

TEST_F(CatalogTest, ListAndDeletePersonalApiKeys) {
  Result<NewApiKey> first = catalog_->CreatePersonalApiKey("first", KeyProject());
  Result<NewApiKey> second = catalog_->CreatePersonalApiKey("second", KeyProject());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->key, second->key);

  ASSERT_TRUE(catalog_->DeletePersonalApiKey(first->entry.id).ok());
  Result<std::vector<PersonalApiKey>> listed = catalog_->ListPersonalApiKeys();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].label, "second");
  EXPECT_EQ(catalog_->VerifyPersonalApiKey(first->key).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(catalog_->DeletePersonalApiKey(first->entry.id).code(), StatusCode::kNotFound);
  EXPECT_EQ(catalog_->CreatePersonalApiKey("", KeyProject()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CatalogTest, CreateGetAndListTables) {
  Project project = MakeProject();
  Result<TableEntry> created = catalog_->CreateTable(project.id, "stripe_charges",
                                                     TableKind::kSynced, "p1/stripe", "{\"a\":1}");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  MakeTable(project.id, "Zeta");
  MakeTable(project.id, "alpha");
  MakeTable(project.id, "_hidden");

  Result<TableEntry> fetched = catalog_->GetTable(project.id, "stripe_charges");
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_EQ(fetched->id, created->id);
  EXPECT_EQ(fetched->project_id, project.id);
  EXPECT_EQ(fetched->kind, TableKind::kSynced);
  EXPECT_EQ(fetched->location, "p1/stripe");
  EXPECT_EQ(fetched->definition, "{\"a\":1}");
  EXPECT_EQ(fetched->created_at_us, kStartMicros);
  EXPECT_EQ(TableNames(project.id),
            (std::vector<std::string>{"Zeta", "_hidden", "alpha", "stripe_charges"}));
}

TEST_F(CatalogTest, TablesBelongToTheirProject) {
  Project shop = MakeProject("Shop");
  Project blog = MakeProject("Blog");
  MakeTable(shop.id, "events", TableKind::kEvents);
  MakeTable(blog.id, "events", TableKind::kEvents);
  MakeTable(blog.id, "persons", TableKind::kPersons);
  EXPECT_EQ(TableNames(shop.id), std::vector<std::string>{"events"});
  EXPECT_EQ(TableNames(blog.id), (std::vector<std::string>{"events", "persons"}));
  EXPECT_EQ(catalog_->GetTable(shop.id, "persons").status(),
            NotFound("table 'persons' does not exist in project {}", shop.id));
}

TEST_F(CatalogTest, TableKindRoundTrips) {
  Project project = MakeProject();
  const TableKind kinds[] = {TableKind::kEvents, TableKind::kPersons, TableKind::kSynced,
                             TableKind::kSelfManaged, TableKind::kView};
  for (TableKind kind : kinds) {
    std::string name = fmt::format("t_{}", TableKindName(kind));
    MakeTable(project.id, name, kind);
    Result<TableEntry> table = catalog_->GetTable(project.id, name);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->kind, kind) << name;
    Result<TableKind> parsed = ParseTableKind(TableKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(TableKindName(TableKind::kSelfManaged), "self_managed");
  EXPECT_EQ(ParseTableKind("table").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CatalogTest, DuplicateTableNameIsAlreadyExists) {
  Project project = MakeProject();
  MakeTable(project.id, "orders");
  Result<TableEntry> again =
      catalog_->CreateTable(project.id, "orders", TableKind::kView, "", "SELECT 1");
  EXPECT_EQ(again.status(),
            AlreadyExists("table 'orders' already exists in project {}", project.id));
}

TEST_F(CatalogTest, TableInMissingProjectIsNotFound) {
  Result<TableEntry> table = catalog_->CreateTable(99, "orders", TableKind::kSynced, "x", "");
  EXPECT_EQ(table.status(), NotFound("project 99 does not exist"));
  EXPECT_EQ(catalog_->ListTables(99).status(), NotFound("project 99 does not exist"));
}

TEST_F(CatalogTest, InvalidTableNamesAreRejected) {
  struct Case {
    std::string name;
    std::string message_part;
  };
  const Case cases[] = {
      {"", "table name must not be empty"},
      {"1st", "'1' at position 1 is not allowed"},
      {"my-table", "'-' at position 3 is not allowed"},
      {"a b", "' ' at position 2 is not allowed"},
      {"a.b", "'.' at position 2 is not allowed"},
      {"t;DROP", "';' at position 2 is not allowed"},
      {"caf\xC3\xA9", "byte 0xC3 at position 4 is not allowed"},
      {std::string("a\0b", 3), "byte 0x00 at position 2 is not allowed"},
      {std::string(129, 'x'), "is 129 characters long; the limit is 128"},
  };
  Project project = MakeProject();
  for (const Case& c : cases) {
    Result<TableEntry> table =
        catalog_->CreateTable(project.id, c.name, TableKind::kSynced, "", "");
    ASSERT_FALSE(table.ok()) << c.name;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(table.status().message().find(c.message_part), std::string::npos)
        << table.status().ToString();
  }
  for (std::string valid : {std::string("_"), std::string("A1_b"), std::string(128, 'x')}) {
    EXPECT_TRUE(catalog_->CreateTable(project.id, valid, TableKind::kSynced, "", "").ok());
  }
  EXPECT_EQ(TableNames(project.id).size(), 3u);
}

TEST_F(CatalogTest, DropTable) {
  Project project = MakeProject();
  MakeTable(project.id, "orders");
  MakeTable(project.id, "users");
  ASSERT_TRUE(catalog_->DropTable(project.id, "orders").ok());
  EXPECT_EQ(TableNames(project.id), std::vector<std::string>{"users"});
  EXPECT_EQ(catalog_->DropTable(project.id, "orders"),
            NotFound("table 'orders' does not exist in project {}", project.id));
  // The name is free again.
  MakeTable(project.id, "orders");
}

TEST_F(CatalogTest, RenameTable) {
  Project project = MakeProject();
  TableEntry orders = MakeTable(project.id, "orders");
  MakeTable(project.id, "users");

  ASSERT_TRUE(catalog_->RenameTable(project.id, "orders", "purchases").ok());
  Result<TableEntry> renamed = catalog_->GetTable(project.id, "purchases");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->id, orders.id);
  EXPECT_EQ(TableNames(project.id), (std::vector<std::string>{"purchases", "users"}));

  EXPECT_EQ(catalog_->RenameTable(project.id, "purchases", "users"),
            AlreadyExists("table 'users' already exists in project {}", project.id));
  EXPECT_EQ(catalog_->RenameTable(project.id, "orders", "sales"),
            NotFound("table 'orders' does not exist in project {}", project.id));
  EXPECT_EQ(catalog_->RenameTable(project.id, "purchases", "bad-name").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(TableNames(project.id), (std::vector<std::string>{"purchases", "users"}));
}

}  // namespace
}  // namespace larder::catalog
