#include "server/tables_api.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>

#include "sync/fake_source.h"
#include "sync/source_operations.h"
#include "warehouse/ingestion_target.h"

namespace larder::server {
namespace {

class TablesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-tables-api-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    auto data = warehouse::DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    project_ = data_->default_project().id;
    source_.rows = {{1, 10, "a"}, {2, 20, "b"}, {3, std::nullopt, "c"}};
    context_.data = data_.get();
    context_.functions = &functions_;
    context_.open_source =
        [this](const sources::SourceConfig& config) -> Result<std::unique_ptr<sources::Source>> {
      if (config.settings.at("password") != "right") {
        return Status(StatusCode::kUnauthenticated, "password authentication failed");
      }
      return std::unique_ptr<sources::Source>(std::make_unique<sync::FakeSource>(source_));
    };
  }
  void TearDown() override {
    data_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }
  // Links the fake source as "shop_" with table t enabled and syncs it once; its schema id.
  int64_t LinkAndSync() {
    sync::LinkRequest request;
    request.project_id = project_;
    request.source_type = "fake";
    request.prefix = "shop_";
    request.settings = {{"password", "right"}};
    request.enabled_tables = {"t"};
    auto linked = sync::LinkSource(data_.get(), context_.open_source, request);
    EXPECT_TRUE(linked.ok()) << linked.status().ToString();
    int64_t schema_id = linked->schemas.at(0).id;
    auto job = sync::RunSchemaSync(data_.get(), context_.open_source, schema_id, {});
    EXPECT_TRUE(job.ok() && job->status == "Completed");
    return schema_id;
  }
  HttpResponse Call(const std::vector<std::string_view>& segments, std::string method = "GET",
                    int64_t project = 0) {
    HttpRequest request;
    request.method = std::move(method);
    HttpResponse response;
    bool handled =
        HandleTablesApi(context_, project ? project : project_, segments, request, &response);
    EXPECT_TRUE(handled);
    return response;
  }
  // "name:type,name:type" of one table of a tables/ answer; "missing" when it is not there.
  static std::string Columns(simdjson::dom::element page, std::string_view table) {
    for (simdjson::dom::element entry : page["results"].get_array()) {
      if (std::string_view(entry["name"]) != table) continue;
      std::string out;
      for (simdjson::dom::element column : entry["columns"].get_array()) {
        if (!out.empty()) out += ",";
        out += std::string(std::string_view(column["name"])) + ":" +
               std::string(std::string_view(column["type"]));
      }
      return out;
    }
    return "missing";
  }
  static std::string Field(simdjson::dom::element page, std::string_view table,
                           std::string_view field) {
    for (simdjson::dom::element entry : page["results"].get_array()) {
      if (std::string_view(entry["name"]) != table) continue;
      simdjson::dom::element value = entry[field];
      if (value.is_string()) return std::string(std::string_view(value));
      return simdjson::minify(value);
    }
    return "missing";
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{fs_.get(), nullptr, &clock_};
  std::string dir_;
  std::unique_ptr<warehouse::DataDirectory> data_;
  int64_t project_ = 0;
  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
  sync::FakeSource source_;
  TablesApiContext context_;
  simdjson::dom::parser parser_;
};

TEST_F(TablesApiTest, ListsEveryQueryableTableWithColumnsKindsAndRows) {
  warehouse::DirectoryIngestionTarget target(data_.get());
  ASSERT_TRUE(target.EventsTable(project_).ok());
  int64_t schema_id = LinkAndSync();
  Schema imported{{{"zip", LogicalType::String()}, {"n", LogicalType::Int64()}}};
  ASSERT_TRUE(
      data_->CreateTable(project_, "imported_zips", catalog::TableKind::kSynced, imported, {}, {})
          .ok());
  ASSERT_TRUE(data_->catalog()
                  .CreateTable(project_, "named_rows", catalog::TableKind::kView, "",
                               "SELECT id, upper(name) AS label FROM shop_fake_t WHERE id > 1")
                  .ok());
  ASSERT_TRUE(data_->catalog()
                  .CreateTable(project_, "broken_view", catalog::TableKind::kView, "",
                               "SELECT missing_column FROM shop_fake_t")
                  .ok());

  HttpResponse response = Call({"tables"});
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::element page = parser_.parse(response.body);

  // Events come first, then the persons store's tables, then the rest by name.
  std::vector<std::string> names;
  for (simdjson::dom::element entry : page["results"].get_array()) {
    names.emplace_back(std::string_view(entry["name"]));
  }
  ASSERT_GE(names.size(), 7u);
  EXPECT_EQ(names[0], "events");
  EXPECT_EQ(std::vector<std::string>(names.begin() + 1, names.begin() + 4),
            (std::vector<std::string>{"groups", "person_distinct_ids", "persons"}));
  EXPECT_EQ(
      std::vector<std::string>(names.begin() + 4, names.end()),
      (std::vector<std::string>{"broken_view", "imported_zips", "named_rows", "shop_fake_t"}));

  EXPECT_NE(Columns(page, "events").find("timestamp:DateTime"), std::string::npos);
  EXPECT_NE(Columns(page, "events").find("distinct_id:String"), std::string::npos);
  EXPECT_NE(Columns(page, "person_distinct_ids").find("distinct_id:String"), std::string::npos);
  EXPECT_EQ(Columns(page, "shop_fake_t").substr(0, 36), "id:Int64,key:Nullable(Int64),name:St");
  EXPECT_EQ(Columns(page, "named_rows"), "id:Int64,label:String");
  EXPECT_EQ(Columns(page, "imported_zips"), "zip:String,n:Int64");

  EXPECT_EQ(Field(page, "events", "kind"), "events");
  EXPECT_EQ(Field(page, "persons", "kind"), "persons");
  EXPECT_EQ(Field(page, "shop_fake_t", "kind"), "synced");
  EXPECT_EQ(Field(page, "imported_zips", "kind"), "imported");
  EXPECT_EQ(Field(page, "named_rows", "kind"), "view");
  EXPECT_EQ(Field(page, "shop_fake_t", "row_count"), "3");
  EXPECT_EQ(Field(page, "named_rows", "row_count"), "null");
  EXPECT_EQ(Field(page, "shop_fake_t", "source"), R"({"id":1,"schema_id":)" +
                                                      std::to_string(schema_id) +
                                                      R"(,"source_type":"fake","table":"t"})");
  EXPECT_NE(Field(page, "broken_view", "error").find("missing_column"), std::string::npos);
  EXPECT_EQ(Columns(page, "broken_view"), "");
}

TEST_F(TablesApiTest, FunctionsListNamesKindsAndArity) {
  HttpResponse response = Call({"functions"});
  ASSERT_EQ(response.status, 200);
  simdjson::dom::element page = parser_.parse(response.body);
  std::map<std::string, std::string> kinds;
  for (simdjson::dom::element entry : page["results"].get_array()) {
    kinds[std::string(std::string_view(entry["name"]))] = std::string_view(entry["kind"]);
  }
  EXPECT_GT(kinds.size(), 300u);
  EXPECT_EQ(kinds["count"], "aggregate");
  EXPECT_EQ(kinds["toStartOfDay"], "scalar");
  EXPECT_EQ(kinds["uniq"], "aggregate");
  EXPECT_EQ(int64_t(page["count"]), static_cast<int64_t>(kinds.size()));
}

TEST_F(TablesApiTest, IncrementalFieldsAskTheSourceForKeyCandidates) {
  int64_t schema_id = LinkAndSync();
  std::string id = std::to_string(schema_id);
  HttpResponse response = Call({"external_data_schemas", id, "incremental_fields"}, "POST");
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::element table = parser_.parse(response.body);
  std::string fields;
  for (simdjson::dom::element field : table["incremental_fields"].get_array()) {
    fields += std::string(std::string_view(field["field"])) + ":" +
              std::string(std::string_view(field["field_type"])) + ",";
  }
  EXPECT_EQ(fields, "id:integer,key:integer,");
  EXPECT_TRUE(bool(table["incremental_available"]));
  EXPECT_TRUE(bool(table["full_refresh_available"]));
  EXPECT_EQ(simdjson::minify(table["primary_key"]), R"(["id"])");
  // Every column is listed, so a client can say why `name` is not offered.
  EXPECT_NE(response.body.find(R"("name":"name","nullable":false,"type":"text")"),
            std::string::npos);

  EXPECT_EQ(Call({"external_data_schemas", "999", "incremental_fields"}).status, 404);
  EXPECT_EQ(Call({"external_data_schemas", "x1", "incremental_fields"}).status, 404);
  EXPECT_EQ(Call({"external_data_schemas", id, "incremental_fields"}, "GET", project_ + 1).status,
            404);
  source_.rows.clear();  // Still one table `t`: the source answers the same.
  EXPECT_EQ(Call({"external_data_schemas", id, "incremental_fields"}).status, 200);
}

TEST_F(TablesApiTest, OtherRoutesAndMethods) {
  HttpRequest request;
  request.method = "GET";
  HttpResponse response;
  for (std::vector<std::string_view> segments :
       std::vector<std::vector<std::string_view>>{{"query"},
                                                  {"external_data_sources"},
                                                  {"external_data_schemas"},
                                                  {"external_data_schemas", "1"},
                                                  {"external_data_schemas", "1", "jobs"},
                                                  {"tables", "events"}}) {
    EXPECT_FALSE(HandleTablesApi(context_, project_, segments, request, &response));
  }
  EXPECT_EQ(Call({"tables"}, "POST").status, 405);
  EXPECT_EQ(Call({"functions"}, "DELETE").status, 405);
}

}  // namespace
}  // namespace larder::server
