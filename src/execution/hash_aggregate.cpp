#include "execution/hash_aggregate.h"

#include "execution/expression_evaluator.h"
#include "execution/group_table.h"
#include "functions/aggregate/combinators.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::LogicalOperator;

namespace {

// One aggregate call: its function, argument evaluators and where its state sits in a group's
// block of states.
struct AggregateSlot {
  std::unique_ptr<functions::AggregateFunction> function;
  std::vector<std::unique_ptr<ExpressionEvaluator>> args;
  std::vector<LogicalType> arg_types;
  LogicalType result_type;
  size_t offset = 0;
};

// A worker's partial result.
struct LocalState {
  LocalState(std::vector<LogicalType> key_types, MemoryTracker* memory)
      : table(std::move(key_types), memory), arena(memory) {}
  GroupTable table;
  Arena arena;
  std::vector<uint8_t*> states;  // By group id.
  std::vector<uint32_t> ids, new_groups;
  std::vector<uint8_t*> row_states;
};

class Aggregation {
 public:
  Aggregation(QueryContext& context, const LogicalOperator& op) : context_(context), op_(op) {}
  ~Aggregation();
  Status Prepare();
  Status Consume(LocalState& local, const Chunk& chunk);
  Result<SourcePtr> Finish(std::vector<std::unique_ptr<LocalState>>& locals);
  // Releases every state (states may hold heap memory) after a failure.
  void Abandon(std::vector<std::unique_ptr<LocalState>>& locals) {
    for (auto& local : locals) DestroyStates(*local);
  }
  std::vector<LogicalType> key_types() const { return key_types_; }

 private:
  Status InitializeGroups(LocalState& local, const std::vector<uint32_t>& groups);
  void DestroyStates(LocalState& local);

  QueryContext& context_;
  const LogicalOperator& op_;
  std::vector<std::unique_ptr<ExpressionEvaluator>> keys_;
  std::vector<LogicalType> key_types_;
  std::vector<AggregateSlot> slots_;
  size_t states_size_ = 0;
};

Aggregation::~Aggregation() = default;

Status Aggregation::Prepare() {
  if (op_.kind == LogicalOperator::Kind::kDistinct) {
    for (size_t column = 0; column < op_.output.fields.size(); ++column) {
      key_types_.push_back(op_.output.fields[column].type);
    }
  }
  for (const auto& group : op_.groups) {
    LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*group, context_));
    keys_.push_back(std::move(evaluator));
    key_types_.push_back(group->type);
  }
  for (const auto& aggregate : op_.aggregates) {
    if (aggregate->kind != BoundExpr::Kind::kAggregate || !aggregate->function) {
      return Internal("`{}` is not an aggregate call", aggregate->name);
    }
    AggregateSlot slot;
    for (const auto& arg : aggregate->args) {
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*arg, context_));
      slot.args.push_back(std::move(evaluator));
      slot.arg_types.push_back(arg->type);
    }
    functions::AggregateFactory factory = aggregate->function->aggregate;
    if (!factory) {
      return NotImplemented("aggregate function `{}` cannot run in queries yet",
                            aggregate->function->name);
    }
    if (aggregate->distinct) factory = functions::MakeDistinct(factory);
    LARDER_ASSIGN_OR_RETURN(slot.function,
                            factory(slot.arg_types, aggregate->params, aggregate->type));
    slot.result_type = aggregate->type;
    slot.offset = states_size_;
    states_size_ += (slot.function->state_size() + 15) & ~size_t{15};
    slots_.push_back(std::move(slot));
  }
  return Status::OK();
}

Status Aggregation::InitializeGroups(LocalState& local, const std::vector<uint32_t>& groups) {
  for (uint32_t group : groups) {
    uint8_t* block = nullptr;
    if (states_size_ > 0) {
      LARDER_ASSIGN_OR_RETURN(block, local.arena.Allocate(states_size_));
    }
    if (local.states.size() <= group) local.states.resize(group + 1);
    local.states[group] = block;
    for (const AggregateSlot& slot : slots_) slot.function->Initialize(block + slot.offset);
  }
  return Status::OK();
}

Status Aggregation::Consume(LocalState& local, const Chunk& chunk) {
  size_t rows = chunk.rows;
  if (op_.kind == LogicalOperator::Kind::kDistinct) {
    std::vector<const ColumnVector*> keys;
    for (const ColumnVector& column : chunk.columns) keys.push_back(&column);
    local.new_groups.clear();
    LARDER_RETURN_IF_ERROR(local.table.FindOrCreate(keys, rows, &local.ids, &local.new_groups));
    return InitializeGroups(local, local.new_groups);
  }
  std::vector<ColumnVector> key_values;
  key_values.reserve(keys_.size());
  for (const auto& key : keys_) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, key->Evaluate(chunk));
    key_values.push_back(std::move(values));
  }
  std::vector<const ColumnVector*> keys;
  for (const ColumnVector& column : key_values) keys.push_back(&column);
  local.new_groups.clear();
  if (keys.empty()) {
    if (local.states.empty()) {
      local.table.FindOrCreate({}, 1, &local.ids, &local.new_groups).IgnoreError();
      LARDER_RETURN_IF_ERROR(InitializeGroups(local, {0}));
    }
  } else {
    LARDER_RETURN_IF_ERROR(local.table.FindOrCreate(keys, rows, &local.ids, &local.new_groups));
    LARDER_RETURN_IF_ERROR(InitializeGroups(local, local.new_groups));
    local.row_states.resize(rows);
  }
  for (const AggregateSlot& slot : slots_) {
    std::vector<ColumnVector> args;
    args.reserve(slot.args.size());
    for (const auto& arg : slot.args) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values, arg->Evaluate(chunk));
      args.push_back(std::move(values));
    }
    functions::KernelCall call{{}, rows, slot.result_type, &context_.eval};
    for (const ColumnVector& arg : args) call.args.push_back({&arg, false});
    if (keys.empty()) {
      LARDER_RETURN_IF_ERROR(slot.function->UpdateSingle(call, local.states[0] + slot.offset));
      continue;
    }
    for (size_t row = 0; row < rows; ++row) {
      local.row_states[row] = local.states[local.ids[row]] + slot.offset;
    }
    LARDER_RETURN_IF_ERROR(slot.function->Update(call, local.row_states.data()));
  }
  return Status::OK();
}

void Aggregation::DestroyStates(LocalState& local) {
  for (uint8_t* block : local.states) {
    if (!block) continue;
    for (const AggregateSlot& slot : slots_) slot.function->Destroy(block + slot.offset);
  }
  local.states.clear();
}

Result<SourcePtr> Aggregation::Finish(std::vector<std::unique_ptr<LocalState>>& locals) {
  // A scalar aggregate over no rows still gives one row.
  LocalState& target = *locals[0];
  Status status;
  if (key_types_.empty() && target.states.empty()) {
    target.table.FindOrCreate({}, 1, &target.ids, nullptr).IgnoreError();
    status = InitializeGroups(target, {0});
  }
  for (size_t worker = 1; worker < locals.size() && status.ok(); ++worker) {
    LocalState& other = *locals[worker];
    for (uint32_t group = 0; group < other.table.size() && status.ok(); ++group) {
      bool created = false;
      Result<uint32_t> id = target.table.FindOrCreateFrom(other.table, group, &created);
      if (!id.ok()) {
        status = id.status();
        break;
      }
      if (created) {
        status = InitializeGroups(target, {*id});
        if (!status.ok()) break;
      }
      for (const AggregateSlot& slot : slots_) {
        slot.function->Merge(other.states[group] + slot.offset, target.states[*id] + slot.offset);
      }
    }
  }
  for (auto& local : locals) {
    if (local.get() != &target) DestroyStates(*local);
  }
  if (!status.ok()) {
    DestroyStates(target);
    return status;
  }
  size_t groups = target.table.size();
  std::vector<ColumnVector> columns = std::move(target.table.key_columns());
  for (const AggregateSlot& slot : slots_) {
    ColumnVector values(slot.result_type);
    values.Reserve(groups);
    for (size_t group = 0; group < groups && status.ok(); ++group) {
      status = slot.function->Finalize(target.states[group] + slot.offset, &values);
    }
    columns.push_back(std::move(values));
  }
  DestroyStates(target);
  LARDER_RETURN_IF_ERROR(status);
  return SourcePtr(new MaterializedSource(SplitIntoChunks(std::move(columns), groups)));
}

}  // namespace

std::vector<Chunk> SplitIntoChunks(std::vector<ColumnVector> columns, size_t rows) {
  std::vector<Chunk> chunks;
  if (rows <= kOutputChunkRows) {
    chunks.push_back(Chunk{std::move(columns), rows});
    return chunks;
  }
  for (size_t start = 0; start < rows; start += kOutputChunkRows) {
    size_t count = std::min(kOutputChunkRows, rows - start);
    Chunk chunk;
    chunk.rows = count;
    for (const ColumnVector& column : columns) {
      ColumnVector part(column.type());
      part.AppendRange(column, start, count);
      chunk.columns.push_back(std::move(part));
    }
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

Result<SourcePtr> RunHashAggregate(QueryContext& context, SourcePtr input,
                                   const LogicalOperator& op) {
  Aggregation aggregation(context, op);
  LARDER_RETURN_IF_ERROR(aggregation.Prepare());
  std::vector<std::unique_ptr<LocalState>> locals;
  for (size_t worker = 0; worker < WorkerCount(context); ++worker) {
    locals.push_back(std::make_unique<LocalState>(aggregation.key_types(), &context.memory));
  }
  Status status = ForEachMorsel(context, *input, [&](size_t worker, size_t, Chunk chunk) {
    if (chunk.rows == 0) return Status::OK();
    return aggregation.Consume(*locals[worker], chunk);
  });
  if (!status.ok()) {
    aggregation.Abandon(locals);
    return status;
  }
  return aggregation.Finish(locals);
}

}  // namespace larder::execution
