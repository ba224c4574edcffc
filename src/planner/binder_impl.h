// Internal to planner/: the Binder class shared by binder.cpp (queries, FROM, joins, clauses)
// and bind_expression.cpp (expressions).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "planner/binder.h"

namespace larder::planner {

// The columns visible while binding one SELECT: its FROM tables side by side.
struct ScopeTable {
  std::string name;        // Alias, or table name.
  std::string table_name;  // The table's own name (also accepted as a qualifier).
  std::vector<Field> columns;
  size_t offset = 0;  // Position of the first column in the combined row.
  // A scan of `events` with person fields (bind_person_fields.cpp): `person_id` and `pdi.…`
  // through person_distinct_ids, and `person.…` through persons as well.
  bool distinct_ids_fields = false;
  bool person_table_fields = false;
  // Columns a JOIN … USING merged into the other side's: not found unqualified, not in `*`.
  std::set<std::string> using_hidden;
};

// A join the binder adds itself because the query reads a person field of an events table:
// person_distinct_ids on the event's distinct id, or persons on the event's current person.
// Its columns come after the tables' in the combined row (see bind_person_fields.cpp).
struct LazyJoin {
  enum class Target { kDistinctIds, kPersons };
  Target target = Target::kDistinctIds;
  size_t owner = 0;        // The events table: an index into Scope::tables.
  Schema schema;           // The joined table's columns.
  size_t offset = 0;       // Position of its first column in the combined row.
  BoundExprPtr condition;  // The ON condition, over the combined row.
  bool attached = false;   // Already joined into the plan.
};

// One ARRAY JOIN step: each row of its input repeated once per element of its arrays (zipped),
// with one column per array holding the element (bind_array_join.cpp).
struct ArrayJoinStep {
  std::vector<BoundExprPtr> arrays;  // Over the columns before the step's own.
  std::vector<size_t> columns;       // Where each array's element is in the combined row.
  bool left = false;                 // LEFT ARRAY JOIN: an empty array keeps its row once.
  bool from_call = false;            // Made for an arrayJoin(…) call.
};

struct Scope {
  std::vector<ScopeTable> tables;
  std::vector<ArrayJoinStep> array_joins;  // In the order they apply, after FROM.
  std::vector<LazyJoin> lazy_joins;        // At most one per owner and target.
  size_t width = 0;                        // Columns of the tables and of the lazy joins.
};

// Whether `name` (person_id, person, pdi) is a person field of `table`.
bool IsPersonField(const ScopeTable& table, std::string_view name);

struct ExprContext {
  Scope* scope = nullptr;  // Mutable: reading a person field may add a lazy join.
  const std::map<std::string, hogql::NodePtr>* windows = nullptr;  // WINDOW clause.
  const std::map<std::string, const hogql::Node*>* aliases = nullptr;
  std::string_view clause;  // "WHERE", "SELECT", … for messages.
  bool allow_aggregates = false;
};

class Binder {
 public:
  Binder(std::string_view text, const TableProvider& tables,
         const functions::FunctionRegistry& functions, const QueryParameters& parameters)
      : text_(text), tables_(tables), functions_(functions), parameters_(parameters) {}

  Result<LogicalPtr> BindQueryNode(const hogql::Node& query);
  hogql::SyntaxError TakeError();

 private:
  // Queries and clauses (binder.cpp).
  Result<LogicalPtr> BindSelect(const hogql::SelectQuery& query);
  // Set operations (bind_set_query.cpp): INTERSECT binds tighter than UNION and EXCEPT, which
  // go left to right, as in ClickHouse; columns take their common type across the operands.
  struct SetOperand {
    std::string op;  // How it joins the operands before it; "" for the first.
    LogicalPtr plan;
    const hogql::Node* node;  // For error positions.
  };
  Result<LogicalPtr> BindSetQuery(const hogql::SelectSetQuery& query);
  Result<std::vector<SetOperand>> CombineSetOperands(std::vector<SetOperand> operands,
                                                     bool intersect);
  // Converts the operands of `set` and of the set operations under it to their columns' types.
  Status ConformSetOperands(LogicalOperator* set, const hogql::Node& node);
  Result<LogicalPtr> ConformSetOperand(LogicalPtr plan, const Schema& want,
                                       const hogql::Node& node);
  Result<LogicalPtr> BindFrom(const hogql::JoinExpr& join, Scope* scope);
  // COLUMNS('regex'), COLUMNS(a, b) and * EXCEPT (…) / * REPLACE (… AS c) in a SELECT list.
  Status ExpandColumns(const hogql::ColumnsExpr& columns, const ExprContext& context,
                       std::vector<BoundExprPtr>* exprs, std::vector<std::string>* names);
  // SAMPLE on a FROM table (bind_sample.cpp): a filter on the sampling key's hash.
  Result<LogicalPtr> ApplySample(const hogql::JoinExpr& join, LogicalPtr plan);
  Result<BoundExprPtr> SampleCondition(const hogql::Node& node, const Schema& input, size_t key,
                                       long double lower, long double upper);
  // A table function in FROM: numbers(n), numbers(start, n).
  Result<LogicalPtr> BindTableFunction(const hogql::JoinExpr& join);
  // The ON condition of `JOIN … USING (a, b)` between the last table of `scope` and the ones
  // before it; hides the merged columns of one side (the right one, or the left one for RIGHT
  // JOIN).
  Result<BoundExprPtr> BindUsing(const hogql::JoinConstraint& constraint,
                                 const std::string& join_type, Scope* scope);
  Result<LogicalPtr> BindTable(const hogql::JoinExpr& join, Scope* scope);
  // Binds a view's stored HogQL as a subquery (views may use other views, not themselves).
  Result<LogicalPtr> BindView(const std::string& name, const std::string& definition,
                              const hogql::Node& reference);
  Result<std::vector<BoundExprPtr>> BindSelectList(const hogql::SelectQuery& query,
                                                   const ExprContext& context,
                                                   std::vector<std::string>* names);
  // GROUP BY's expressions (none for GROUP BY ALL, whose keys Aggregate takes from `select`).
  // GROUP BY's keys; for ROLLUP, CUBE and GROUPING SETS also which keys each set keeps.
  Result<std::vector<BoundExprPtr>> BindGroupBy(const hogql::SelectQuery& query,
                                                const ExprContext& context,
                                                const std::vector<BoundExprPtr>& select,
                                                std::vector<std::vector<bool>>* sets);
  Result<LogicalPtr> Aggregate(LogicalPtr input, const hogql::SelectQuery& query,
                               std::vector<BoundExprPtr> groups,
                               std::vector<std::vector<bool>> sets,
                               std::vector<BoundExprPtr>* select, BoundExprPtr* having,
                               std::vector<LogicalOperator::SortKey>* order);
  Result<BoundExprPtr> RewriteAfterAggregate(const BoundExpr& expr,
                                             const std::vector<BoundExprPtr>& groups,
                                             const std::vector<BoundExprPtr>& aggregates);
  Result<std::optional<int64_t>> ConstantCount(const hogql::Node* node, std::string_view clause);

  // Expressions (bind_expression.cpp).
  // `ORDER BY 2` / `GROUP BY 1`: a copy of that select item (ClickHouse's positional
  // arguments, on by default), or null when `node` is not a position.
  static BoundExprPtr Positional(const hogql::Node& node, const std::vector<BoundExprPtr>& select);
  Result<BoundExprPtr> BindExpr(const hogql::Node& node, const ExprContext& context);
  Result<BoundExprPtr> BindField(const hogql::Field& field, const ExprContext& context);
  Result<BoundExprPtr> BindColumn(const std::vector<std::string>& chain, const hogql::Node& node,
                                  const ExprContext& context, bool* found);
  Result<BoundExprPtr> BindProperty(BoundExprPtr json, const std::vector<std::string>& path,
                                    const hogql::Node& node);
  Result<BoundExprPtr> BindCall(const hogql::Call& call, const ExprContext& context);
  // agg(…) FILTER (WHERE cond), bound as aggIf(…, cond).
  Result<BoundExprPtr> BindFilteredAggregate(const hogql::Call& call, const ExprContext& context);
  // The constant parameters of `call` (quantile(0.9)(x)) into `bound`, checked against the
  // function's.
  Status BindParams(const hogql::Call& call, const ExprContext& context, BoundExpr* bound);
  // A call whose first argument is a lambda (bind_lambda.cpp): arrayMap, and the functions
  // defined through it (arrayFilter, arrayExists, arraySum, …).
  Result<BoundExprPtr> BindLambdaCall(const hogql::Call& call, const ExprContext& context);
  // ARRAY JOIN's list (bind_array_join.cpp): adds its step and element columns to `scope`.
  Status BindArrayJoinClause(const hogql::SelectQuery& query, Scope* scope);
  // arrayJoin(arr): the element column of the step for `arr` (one step per distinct array).
  Result<BoundExprPtr> BindArrayJoinCall(const hogql::Call& call, const ExprContext& context);
  // Wraps `plan` (the FROM clause) in the scope's ARRAY JOIN steps.
  LogicalPtr ApplyArrayJoins(LogicalPtr plan, Scope* scope);
  // A lambda parameter named `name`, innermost lambda first; null when none is.
  BoundExprPtr FindLambdaParam(const std::string& name) const;
  Result<BoundExprPtr> CallFunction(std::string_view name, std::vector<BoundExprPtr> args,
                                    const hogql::Node& node);
  // A comparison of a number with a string constant reads the string as that number (as
  // ClickHouse does): `id = '5'`, `2 < '10'`.
  Status ReadStringConstantAsNumber(const std::string& comparison, std::vector<BoundExprPtr>* args,
                                    const hogql::Node& node);
  Result<BoundExprPtr> BindOperator(const hogql::Node& node, const ExprContext& context);
  // Whether `chain` names a table or column of a SELECT that encloses the one of `context`.
  bool NamesOuterQuery(const std::vector<std::string>& chain, const ExprContext& context) const;
  Result<BoundExprPtr> BindCast(const hogql::TypeCast& cast, const ExprContext& context);
  Result<BoundExprPtr> BindConstant(const hogql::Constant& constant);
  Result<BoundExprPtr> BindPlaceholder(const hogql::Placeholder& placeholder);
  Result<BoundExprPtr> BindSubquery(const hogql::Node& query);
  Result<BoundExprPtr> BindWindowFunction(const hogql::WindowFunction& function,
                                          const ExprContext& context);
  Status BindWindowSpec(const hogql::WindowExpr& window, const ExprContext& context,
                        BoundExpr* call);
  // Adds a Window operator for the window functions in `select` and `order`, which then read
  // its output columns.
  Result<LogicalPtr> Windows(LogicalPtr input, std::vector<BoundExprPtr>* select,
                             std::vector<LogicalOperator::SortKey>* order);

  // Person fields of events tables and the joins they add (bind_person_fields.cpp).
  // Marks `table`, the scope's entry for FROM item `plan`, as having person fields if it does.
  void FindPersonFields(const LogicalOperator& plan, ScopeTable* table) const;
  // `path` (person_id…, person.…, pdi.…) read from events table `owner` of `scope`.
  Result<BoundExprPtr> BindPersonField(size_t owner, const std::vector<std::string>& path,
                                       const hogql::Node& node, Scope* scope);
  // The event's current person: its distinct id's person in person_distinct_ids when there is
  // one, else the person_id stored with the event.
  Result<BoundExprPtr> CurrentPersonId(size_t owner, const hogql::Node& node, Scope* scope);
  // The index in scope->lazy_joins of `owner`'s join to `target`, added if missing.
  Result<size_t> RequireLazyJoin(size_t owner, LazyJoin::Target target, const hogql::Node& node,
                                 Scope* scope);
  // Joins the not yet attached lazy joins onto `plan`, which holds the whole row so far.
  LogicalPtr AttachLazyJoins(LogicalPtr plan, Scope* scope);
  // After binding the ON condition of the join that adds table `right`: joins the lazy joins
  // the condition asked for onto `*left` or `*right_plan`, whichever holds their events table,
  // so the row becomes [left tables, their lazy joins, right table, its lazy joins]; `on` and
  // the scope are renumbered to match.
  void PlaceLazyJoinsOfOn(size_t right, Scope* scope, LogicalPtr* left, LogicalPtr* right_plan,
                          BoundExpr* on);

  Status Error(const hogql::Node& node, std::string message);
  Status Error(uint32_t start, uint32_t end, std::string message);
  Status NotSupported(const hogql::Node& node, std::string_view what);
  std::string TextOf(const hogql::Node& node) const;

  std::string_view text_;
  const TableProvider& tables_;
  const functions::FunctionRegistry& functions_;
  const QueryParameters& parameters_;
  std::vector<std::map<std::string, const hogql::CTE*>> ctes_;
  std::set<std::string> resolving_aliases_;
  std::vector<std::string> views_;           // Views being bound, outermost first.
  std::vector<const Scope*> scopes_;         // The SELECTs being bound, outermost first.
  std::vector<hogql::NodePtr> synthesized_;  // Nodes the binder made (USING's conditions).
  // The parameters of the lambdas being bound, outermost first.
  std::vector<std::vector<Field>> lambda_frames_;
  std::optional<hogql::SyntaxError> error_;
  int depth_ = 0;
};

}  // namespace larder::planner
