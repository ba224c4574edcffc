#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"

namespace larder::planner {
namespace {

Schema EventsSchema() {
  return Schema{{{"uuid", LogicalType::Uuid()},
                 {"event", LogicalType::String()},
                 {"distinct_id", LogicalType::String()},
                 {"properties", LogicalType::Json()},
                 {"timestamp", LogicalType::DateTime()},
                 {"person_id", LogicalType::Uuid()}}};
}

// Tables as a project has them; `person_tables` adds persons and person_distinct_ids.
StaticTableProvider Tables(bool person_tables) {
  StaticTableProvider tables;
  tables.Add("events", EventsSchema());
  tables.Add("sessions", Schema{{{"session_id", LogicalType::String()}}});
  if (person_tables) {
    tables.Add("persons", Schema{{{"id", LogicalType::Uuid()},
                                  {"created_at", LogicalType::DateTime()},
                                  {"properties", LogicalType::Json()},
                                  {"is_identified", LogicalType::Bool()}}});
    tables.Add("person_distinct_ids", Schema{{{"distinct_id", LogicalType::String()},
                                              {"person_id", LogicalType::Uuid()}}});
  }
  return tables;
}

class PersonFieldsTest : public ::testing::Test {
 protected:
  BindResult Bind(const std::string& query, const TableProvider& tables) {
    parsed_ = hogql::ParseSelect(query);
    EXPECT_FALSE(parsed_.error) << query;
    return BindQuery(*parsed_.node, query, tables, functions_);
  }

  // The optimized plan's EXPLAIN text, or the binder's message.
  std::string Explain(const std::string& query, const TableProvider& tables) {
    BindResult bound = Bind(query, tables);
    if (bound.error) return "error: " + bound.error->message;
    return ExplainPlan(*Optimize(std::move(bound.plan), functions_));
  }

  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
  hogql::ParseResult parsed_;
};

size_t CountScans(const LogicalOperator& op, const std::string& table) {
  size_t count = op.kind == LogicalOperator::Kind::kScan && op.table == table ? 1 : 0;
  for (const LogicalPtr& child : op.children) count += CountScans(*child, table);
  return count;
}

TEST_F(PersonFieldsTest, QueriesReadingNoPersonFieldPlanAsWithoutPersonTables) {
  const StaticTableProvider without = Tables(false);
  const StaticTableProvider with = Tables(true);
  const std::vector<std::string> queries = {
      "SELECT * FROM events",
      "SELECT event, count() FROM events WHERE properties.$browser = 'Chrome' GROUP BY event",
      "SELECT e.uuid, s.session_id FROM events e LEFT JOIN sessions s ON e.distinct_id = "
      "s.session_id WHERE e.event = 'a'",
      "SELECT distinct_id, row_number() OVER (PARTITION BY distinct_id ORDER BY timestamp) "
      "FROM events ORDER BY timestamp DESC LIMIT 5",
      "SELECT count() FROM (SELECT DISTINCT distinct_id FROM events) WHERE distinct_id IN "
      "(SELECT distinct_id FROM events WHERE event = 'x')",
  };
  for (const std::string& query : queries) {
    std::string plan = Explain(query, without);
    EXPECT_EQ(plan.find("error"), std::string::npos) << plan;
    EXPECT_EQ(Explain(query, with), plan) << query;
  }
}

TEST_F(PersonFieldsTest, EachTableIsJoinedOncePerEventsTableThatReadsIt) {
  const StaticTableProvider tables = Tables(true);
  struct Case {
    std::string query;
    size_t distinct_ids;  // Scans of person_distinct_ids in the plan.
    size_t persons;
  };
  const std::vector<Case> cases = {
      {"SELECT event FROM events", 0, 0},
      {"SELECT person_id FROM events", 1, 0},
      {"SELECT pdi.distinct_id, pdi.person_id, person.id FROM events", 1, 0},
      {"SELECT person_id, person.properties.email, person.created_at FROM events WHERE "
       "person.is_identified GROUP BY person_id, person.properties.email, person.created_at "
       "ORDER BY person.created_at",
       1, 1},
      {"SELECT a.person_id, b.person.properties.email FROM events a JOIN events b ON a.person_id "
       "= b.person_id",
       2, 1},
      {"SELECT x FROM (SELECT person_id AS x FROM events) WHERE x IN (SELECT person.id FROM "
       "events)",
       1, 0},  // The IN subquery's plan is separate.
  };
  for (const Case& c : cases) {
    BindResult bound = Bind(c.query, tables);
    ASSERT_FALSE(bound.error) << c.query << ": " << bound.error->message;
    EXPECT_EQ(CountScans(*bound.plan, "person_distinct_ids"), c.distinct_ids) << c.query;
    EXPECT_EQ(CountScans(*bound.plan, "persons"), c.persons) << c.query;
  }
}

TEST_F(PersonFieldsTest, MistakesNameTheFieldAndWhereItIs) {
  struct Case {
    bool person_tables;
    std::string query;
    std::string field;  // The text the error must point at.
    std::string message;
  };
  const std::vector<Case> cases = {
      {true, "SELECT person.properties.email FROM sessions", "person.properties.email",
       "Unable to resolve field `person`."},
      {false, "SELECT event FROM events WHERE person.properties.email = 'a'",
       "person.properties.email", "Unable to resolve field `person`."},
      {false, "SELECT pdi.person_id FROM events", "pdi.person_id",
       "Unable to resolve field `pdi`."},
      {true, "SELECT e.person.nope FROM events e", "e.person.nope",
       "Unable to resolve field `person.nope`."},
      {true, "SELECT count() FROM events GROUP BY person", "person", "`person` is a table"},
  };
  for (const Case& c : cases) {
    BindResult bound = Bind(c.query, Tables(c.person_tables));
    ASSERT_TRUE(bound.error) << c.query;
    EXPECT_NE(bound.error->message.find(c.message), std::string::npos) << bound.error->message;
    const size_t start = c.query.find(c.field);
    EXPECT_EQ(bound.error->start, start) << c.query;
    EXPECT_EQ(bound.error->end, start + c.field.size()) << c.query;
  }
}

}  // namespace
}  // namespace larder::planner
