// Binder: the person fields of events, as HogQL has them. `person_id` is the event's current
// person, `person.…` reads that person's row of persons and `pdi.…` the event's row of
// person_distinct_ids. Each table is joined in (LEFT ANY JOIN) once per events table, and only
// when a query reads one of its fields; a query that reads none plans as if they did not exist.
//
// The person_id stored with an event is the person at ingestion; a later $identify or
// $create_alias merge moves the distinct id to another person in person_distinct_ids. So
//   person_id = if(notEmpty(pdi.distinct_id), pdi.person_id, events.person_id)
// (a distinct id missing from person_distinct_ids joins no row, whose columns read as their
// type's default, '' for the distinct id, as in ClickHouse with join_use_nulls = 0),
//   person.id = person_id, and person.<column> = persons.<column> ON persons.id = person_id.
//
// The joined columns follow the FROM tables' in the combined row. Joins asked for by a JOIN's ON
// condition are attached beside their table before that JOIN (PlaceLazyJoinsOfOn); all others on
// top of the whole FROM clause, below WHERE (AttachLazyJoins).
#include <algorithm>

#include "planner/binder_impl.h"
#include "planner/expression_utils.h"

namespace larder::planner {
namespace {

constexpr const char* kEventsTable = "events";
constexpr const char* kDistinctIdsTable = "person_distinct_ids";
constexpr const char* kPersonsTable = "persons";
// At most one joined row per row: reading a person field never changes the number of rows.
constexpr const char* kLazyJoinType = "LEFT ANY JOIN";

std::optional<size_t> ColumnIndex(const std::vector<Field>& fields, std::string_view name) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return i;
  }
  return std::nullopt;
}

// Column `column` of a lazy join, named `name` and placed at `node` for messages.
BoundExprPtr LazyColumn(const LazyJoin& join, std::string_view column, std::string name,
                        const hogql::Node& node) {
  size_t index = *ColumnIndex(join.schema.fields, column);
  BoundExprPtr expr =
      MakeColumn(join.offset + index, join.schema.fields[index].type, std::move(name));
  expr->start = node.start;
  expr->end = node.end;
  return expr;
}

std::vector<size_t> PendingLazyJoins(const Scope& scope) {
  std::vector<size_t> pending;
  for (size_t i = 0; i < scope.lazy_joins.size(); ++i) {
    if (!scope.lazy_joins[i].attached) pending.push_back(i);
  }
  return pending;
}

// Joins lazy joins `indices` (in row order) onto `plan`, whose first column is at `base`.
LogicalPtr Attach(LogicalPtr plan, Scope* scope, const std::vector<size_t>& indices, size_t base) {
  for (size_t index : indices) {
    LazyJoin& join = scope->lazy_joins[index];
    LARDER_CHECK(base + plan->output.fields.size() == join.offset);
    auto scan = std::make_unique<LogicalOperator>(LogicalOperator::Kind::kScan);
    scan->table = join.target == LazyJoin::Target::kPersons ? kPersonsTable : kDistinctIdsTable;
    scan->output = join.schema;
    auto node = std::make_unique<LogicalOperator>(LogicalOperator::Kind::kJoin);
    node->join_type = kLazyJoinType;
    node->output = plan->output;
    for (const Field& field : scan->output.fields) node->output.fields.push_back(field);
    node->predicate = join.condition->Clone();
    ShiftColumns(node->predicate.get(), -static_cast<int>(base));
    node->children.push_back(std::move(plan));
    node->children.push_back(std::move(scan));
    plan = std::move(node);
    join.attached = true;
  }
  return plan;
}

}  // namespace

bool IsPersonField(const ScopeTable& table, std::string_view name) {
  if (name == "person_id" || name == "pdi") return table.distinct_ids_fields;
  if (name == "person") return table.person_table_fields;
  return false;
}

void Binder::FindPersonFields(const LogicalOperator& plan, ScopeTable* table) const {
  if (plan.kind != LogicalOperator::Kind::kScan || plan.table != kEventsTable) return;
  if (!ColumnIndex(table->columns, "distinct_id")) return;
  auto distinct_ids = tables_.FindTable(kDistinctIdsTable);
  if (!distinct_ids.ok() || !ColumnIndex(distinct_ids->fields, "distinct_id") ||
      !ColumnIndex(distinct_ids->fields, "person_id")) {
    return;
  }
  table->distinct_ids_fields = true;
  auto persons = tables_.FindTable(kPersonsTable);
  table->person_table_fields = persons.ok() && ColumnIndex(persons->fields, "id").has_value();
}

Result<size_t> Binder::RequireLazyJoin(size_t owner, LazyJoin::Target target,
                                       const hogql::Node& node, Scope* scope) {
  for (size_t i = 0; i < scope->lazy_joins.size(); ++i) {
    const LazyJoin& join = scope->lazy_joins[i];
    if (join.owner == owner && join.target == target) return i;
  }
  const bool persons = target == LazyJoin::Target::kPersons;
  BoundExprPtr key;  // The events side of the condition.
  if (persons) {
    LARDER_ASSIGN_OR_RETURN(key, CurrentPersonId(owner, node, scope));
  } else {
    const ScopeTable& table = scope->tables[owner];
    size_t index = *ColumnIndex(table.columns, "distinct_id");
    key = MakeColumn(table.offset + index, table.columns[index].type, "distinct_id");
  }
  LazyJoin join;
  join.target = target;
  join.owner = owner;
  LARDER_ASSIGN_OR_RETURN(join.schema,
                          tables_.FindTable(persons ? kPersonsTable : kDistinctIdsTable));
  join.offset = scope->width;
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(key));
  args.push_back(LazyColumn(join, persons ? "id" : "distinct_id", "", node));
  LARDER_ASSIGN_OR_RETURN(join.condition, CallFunction("equals", std::move(args), node));
  scope->width += join.schema.fields.size();
  scope->lazy_joins.push_back(std::move(join));
  return scope->lazy_joins.size() - 1;
}

Result<BoundExprPtr> Binder::CurrentPersonId(size_t owner, const hogql::Node& node, Scope* scope) {
  LARDER_ASSIGN_OR_RETURN(size_t index,
                          RequireLazyJoin(owner, LazyJoin::Target::kDistinctIds, node, scope));
  const LazyJoin& join = scope->lazy_joins[index];
  // Parts are named `person_id` so that messages about them (GROUP BY, …) name the field read.
  BoundExprPtr merged = LazyColumn(join, "person_id", "person_id", node);
  const ScopeTable& table = scope->tables[owner];
  std::optional<size_t> stored_index = ColumnIndex(table.columns, "person_id");
  if (!stored_index) return merged;
  BoundExprPtr stored =
      MakeColumn(table.offset + *stored_index, table.columns[*stored_index].type, "person_id");
  stored->start = node.start;
  stored->end = node.end;
  std::vector<BoundExprPtr> matched_args;
  matched_args.push_back(LazyColumn(join, "distinct_id", "person_id", node));
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr matched,
                          CallFunction("notEmpty", std::move(matched_args), node));
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(matched));
  args.push_back(std::move(merged));
  args.push_back(std::move(stored));
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr person_id, CallFunction("if", std::move(args), node));
  person_id->name = "person_id";
  return person_id;
}

Result<BoundExprPtr> Binder::BindPersonField(size_t owner, const std::vector<std::string>& path,
                                             const hogql::Node& node, Scope* scope) {
  BoundExprPtr value;
  size_t used = 1;  // Parts of `path` naming the field; the rest are JSON properties.
  if (path[0] == "person_id") {
    LARDER_ASSIGN_OR_RETURN(value, CurrentPersonId(owner, node, scope));
  } else {
    const bool person = path[0] == "person";
    if (path.size() == 1) {
      return Error(node, fmt::format("`{}` is a table: read one of its fields, such as {}", path[0],
                                     person ? "person.properties.email or person.id"
                                            : "pdi.distinct_id or pdi.person_id"));
    }
    used = 2;
    const std::string name = path[0] + "." + path[1];
    if (person && path[1] == "id") {
      LARDER_ASSIGN_OR_RETURN(value, CurrentPersonId(owner, node, scope));
      value->name = name;
    } else {
      LazyJoin::Target target =
          person ? LazyJoin::Target::kPersons : LazyJoin::Target::kDistinctIds;
      LARDER_ASSIGN_OR_RETURN(Schema schema,
                              tables_.FindTable(person ? kPersonsTable : kDistinctIdsTable));
      if (!ColumnIndex(schema.fields, path[1])) {
        std::vector<std::string> candidates;
        for (const Field& field : schema.fields) candidates.push_back(field.name);
        std::string suggestion = DidYouMean(path[1], candidates);
        return Error(node, fmt::format("Unable to resolve field `{}`.{}", name,
                                       suggestion.empty() ? ""
                                                          : fmt::format(" Did you mean `{}.{}`?",
                                                                        path[0], suggestion)));
      }
      LARDER_ASSIGN_OR_RETURN(size_t index, RequireLazyJoin(owner, target, node, scope));
      value = LazyColumn(scope->lazy_joins[index], path[1], name, node);
    }
  }
  if (path.size() == used) return value;
  return BindProperty(std::move(value), {path.begin() + static_cast<long>(used), path.end()}, node);
}

LogicalPtr Binder::AttachLazyJoins(LogicalPtr plan, Scope* scope) {
  return Attach(std::move(plan), scope, PendingLazyJoins(*scope), 0);
}

void Binder::PlaceLazyJoinsOfOn(size_t right, Scope* scope, LogicalPtr* left,
                                LogicalPtr* right_plan, BoundExpr* on) {
  std::vector<size_t> left_joins, right_joins;
  for (size_t index : PendingLazyJoins(*scope)) {
    (scope->lazy_joins[index].owner == right ? right_joins : left_joins).push_back(index);
  }
  if (left_joins.empty() && right_joins.empty()) return;
  // Pending joins were added in row order after the right table; move them beside their table.
  std::vector<int> mapping(scope->width);
  for (size_t i = 0; i < mapping.size(); ++i) mapping[i] = static_cast<int>(i);
  ScopeTable& table = scope->tables[right];
  size_t next = table.offset;
  auto place = [&](size_t from, size_t width) {
    for (size_t i = 0; i < width; ++i) mapping[from + i] = static_cast<int>(next + i);
    next += width;
  };
  for (size_t index : left_joins) {
    LazyJoin& join = scope->lazy_joins[index];
    const size_t from = join.offset;
    join.offset = next;
    place(from, join.schema.fields.size());
  }
  const size_t right_offset = next;
  place(table.offset, table.columns.size());
  table.offset = right_offset;
  for (size_t index : right_joins) {
    LazyJoin& join = scope->lazy_joins[index];
    const size_t from = join.offset;
    join.offset = next;
    place(from, join.schema.fields.size());
  }
  RemapColumns(on, mapping);
  for (size_t index : PendingLazyJoins(*scope)) {
    RemapColumns(scope->lazy_joins[index].condition.get(), mapping);
  }
  *left = Attach(std::move(*left), scope, left_joins, 0);
  *right_plan = Attach(std::move(*right_plan), scope, right_joins, right_offset);
}

}  // namespace larder::planner
