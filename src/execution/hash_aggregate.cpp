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

// Partitions of a worker's groups by key hash once it has many: each partition merges across
// workers on its own (in parallel) and frees its memory as soon as it is merged.
constexpr int kPartitionBits = 5;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

size_t PartitionOf(uint64_t hash) { return hash >> (64 - kPartitionBits); }

// Groups and their aggregate states: a worker's whole table, or one partition of it.
struct GroupStates {
  GroupStates(std::vector<LogicalType> key_types, MemoryTracker* memory)
      : table(std::make_unique<GroupTable>(std::move(key_types), memory)), arena(memory) {}
  std::unique_ptr<GroupTable> table;  // Null once split into partitions.
  Arena arena;                        // The states created for this table's groups.
  std::vector<uint8_t*> states;       // By group id; may point into another arena after a split.
};

// A worker's partial result: one table until it holds context.partition_groups groups, then
// kPartitions of them.
struct LocalState {
  LocalState(std::vector<LogicalType> key_types, MemoryTracker* memory)
      : whole(std::make_unique<GroupStates>(std::move(key_types), memory)) {}
  std::unique_ptr<GroupStates> whole;  // Kept after the split: its arena holds older states.
  std::vector<std::unique_ptr<GroupStates>> partitions;  // Null once merged.
  std::vector<uint32_t> ids, new_groups;
  std::vector<uint8_t*> group_states, row_states;  // Per row of the chunk being folded.
  GroupTable::SerializedKeys serialized;
  bool partitioned() const { return !partitions.empty(); }
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
  Status NewState(GroupStates& groups, uint32_t group);
  // Whether groups have state blocks: not for keys alone (DISTINCT, GROUP BY without aggregates),
  // which saves a pointer per group.
  bool KeepsStates() const { return !slots_.empty() || key_types_.empty(); }
  // Fills local.group_states with the state block of each row's group (created if new).
  Status FindGroups(LocalState& local, const std::vector<const ColumnVector*>& keys, size_t rows);
  Status Split(LocalState& local);
  Result<SourcePtr> FinishWhole(std::vector<std::unique_ptr<LocalState>>& locals);
  Status FinishPartition(std::vector<std::unique_ptr<LocalState>>& locals, size_t partition,
                         std::vector<Chunk>* out);
  Status MergeInto(GroupStates& target, GroupStates& source);
  Status Finalize(GroupStates& groups, std::vector<Chunk>* out);
  void DestroyStates(GroupStates& groups);
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

Status Aggregation::NewState(GroupStates& groups, uint32_t group) {
  if (!KeepsStates()) return Status::OK();
  uint8_t* block = nullptr;
  if (states_size_ > 0) {
    LARDER_ASSIGN_OR_RETURN(block, groups.arena.Allocate(states_size_));
  }
  if (groups.states.size() <= group) groups.states.resize(group + 1);
  groups.states[group] = block;
  for (const AggregateSlot& slot : slots_) slot.function->Initialize(block + slot.offset);
  return Status::OK();
}

Status Aggregation::FindGroups(LocalState& local, const std::vector<const ColumnVector*>& keys,
                               size_t rows) {
  local.group_states.resize(rows);
  if (!local.partitioned()) {
    GroupStates& whole = *local.whole;
    local.new_groups.clear();
    LARDER_RETURN_IF_ERROR(whole.table->FindOrCreate(keys, rows, &local.ids, &local.new_groups));
    for (uint32_t group : local.new_groups) LARDER_RETURN_IF_ERROR(NewState(whole, group));
    for (size_t row = 0; row < rows && KeepsStates(); ++row) {
      local.group_states[row] = whole.states[local.ids[row]];
    }
    if (whole.table->size() > context_.partition_groups && WorkerCount(context_) > 1) {
      return Split(local);
    }
    return Status::OK();
  }
  GroupTable::Serialize(keys, rows, &local.serialized);
  const GroupTable::SerializedKeys& serialized = local.serialized;
  constexpr size_t kAhead = 8;
  for (size_t row = 0; row < rows; ++row) {
    if (row + kAhead < rows) {
      const uint64_t ahead = serialized.hashes[row + kAhead];
      local.partitions[PartitionOf(ahead)]->table->Prefetch(ahead);
    }
    const uint64_t hash = serialized.hashes[row];
    GroupStates& part = *local.partitions[PartitionOf(hash)];
    bool created = false;
    LARDER_ASSIGN_OR_RETURN(uint32_t group,
                            part.table->FindOrCreateKey(serialized.key(row), hash, &created));
    if (created) LARDER_RETURN_IF_ERROR(NewState(part, group));
    if (KeepsStates()) local.group_states[row] = part.states[group];
  }
  return Status::OK();
}

// Moves the worker's groups into kPartitions tables (their states stay where they are).
Status Aggregation::Split(LocalState& local) {
  for (size_t partition = 0; partition < kPartitions; ++partition) {
    local.partitions.push_back(std::make_unique<GroupStates>(key_types_, &context_.memory));
  }
  GroupStates& whole = *local.whole;
  for (uint32_t group = 0; group < whole.table->size(); ++group) {
    GroupStates& part = *local.partitions[PartitionOf(whole.table->hash(group))];
    bool created = false;
    Result<uint32_t> id = part.table->FindOrCreateFrom(*whole.table, group, &created);
    if (!id.ok()) {
      // The states are still all the whole table's: the partitions must not destroy them too.
      for (auto& moved : local.partitions) moved->states.clear();
      return id.status();
    }
    if (!KeepsStates()) continue;
    if (part.states.size() <= *id) part.states.resize(*id + 1);
    part.states[*id] = whole.states[group];
  }
  whole.states.clear();
  whole.table.reset();
  return Status::OK();
}

Status Aggregation::Consume(LocalState& local, const Chunk& chunk) {
  size_t rows = chunk.rows;
  std::vector<ColumnVector> key_values;
  std::vector<const ColumnVector*> keys;
  if (op_.kind == LogicalOperator::Kind::kDistinct) {
    for (const ColumnVector& column : chunk.columns) keys.push_back(&column);
    return FindGroups(local, keys, rows);
  }
  key_values.reserve(keys_.size());
  for (const auto& key : keys_) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, key->Evaluate(chunk));
    key_values.push_back(std::move(values));
  }
  for (const ColumnVector& column : key_values) keys.push_back(&column);
  GroupStates& whole = *local.whole;
  if (keys.empty()) {
    if (whole.states.empty()) {
      whole.table->FindOrCreate({}, 1, &local.ids, nullptr).IgnoreError();
      LARDER_RETURN_IF_ERROR(NewState(whole, 0));
    }
  } else {
    LARDER_RETURN_IF_ERROR(FindGroups(local, keys, rows));
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
      LARDER_RETURN_IF_ERROR(slot.function->UpdateSingle(call, whole.states[0] + slot.offset));
      continue;
    }
    for (size_t row = 0; row < rows; ++row) {
      local.row_states[row] = local.group_states[row] + slot.offset;
    }
    LARDER_RETURN_IF_ERROR(slot.function->Update(call, local.row_states.data()));
  }
  return Status::OK();
}

void Aggregation::DestroyStates(GroupStates& groups) {
  for (uint8_t* block : groups.states) {
    if (!block) continue;
    for (const AggregateSlot& slot : slots_) slot.function->Destroy(block + slot.offset);
  }
  groups.states.clear();
}

void Aggregation::DestroyStates(LocalState& local) {
  DestroyStates(*local.whole);
  for (auto& part : local.partitions) {
    if (part) DestroyStates(*part);
  }
}

// Folds `source`'s groups into `target`; `source`'s states are destroyed.
Status Aggregation::MergeInto(GroupStates& target, GroupStates& source) {
  Status status;
  for (uint32_t group = 0; group < source.table->size() && status.ok(); ++group) {
    bool created = false;
    Result<uint32_t> id = target.table->FindOrCreateFrom(*source.table, group, &created);
    if (!id.ok()) {
      status = id.status();
      break;
    }
    if (created) {
      status = NewState(target, *id);
      if (!status.ok()) break;
    }
    for (const AggregateSlot& slot : slots_) {
      slot.function->Merge(source.states[group] + slot.offset, target.states[*id] + slot.offset);
    }
  }
  DestroyStates(source);
  return status;
}

// The groups' keys and finalized aggregates as chunks; the states are destroyed.
Status Aggregation::Finalize(GroupStates& groups, std::vector<Chunk>* out) {
  Status status;
  size_t count = groups.table->size();
  std::vector<ColumnVector> columns = groups.table->KeyColumns();
  groups.table.reset();  // Its memory goes before the aggregates' columns are made.
  for (const AggregateSlot& slot : slots_) {
    ColumnVector values(slot.result_type);
    values.Reserve(count);
    for (size_t group = 0; group < count && status.ok(); ++group) {
      status = slot.function->Finalize(groups.states[group] + slot.offset, &values);
    }
    columns.push_back(std::move(values));
  }
  DestroyStates(groups);
  LARDER_RETURN_IF_ERROR(status);
  if (count > 0 || key_types_.empty()) *out = SplitIntoChunks(std::move(columns), count);
  return Status::OK();
}

Result<SourcePtr> Aggregation::FinishWhole(std::vector<std::unique_ptr<LocalState>>& locals) {
  GroupStates& target = *locals[0]->whole;
  Status status;
  // A scalar aggregate over no rows still gives one row.
  if (key_types_.empty() && target.states.empty()) {
    target.table->FindOrCreate({}, 1, &locals[0]->ids, nullptr).IgnoreError();
    status = NewState(target, 0);
  }
  for (size_t worker = 1; worker < locals.size() && status.ok(); ++worker) {
    status = MergeInto(target, *locals[worker]->whole);
  }
  std::vector<Chunk> chunks;
  if (status.ok()) status = Finalize(target, &chunks);
  if (!status.ok()) {
    Abandon(locals);
    return status;
  }
  return SourcePtr(new MaterializedSource(std::move(chunks)));
}

Status Aggregation::FinishPartition(std::vector<std::unique_ptr<LocalState>>& locals,
                                    size_t partition, std::vector<Chunk>* out) {
  GroupStates& target = *locals[0]->partitions[partition];
  Status status;
  for (size_t worker = 1; worker < locals.size(); ++worker) {
    std::unique_ptr<GroupStates>& source = locals[worker]->partitions[partition];
    if (status.ok()) {
      status = MergeInto(target, *source);
    } else {
      DestroyStates(*source);
    }
    source.reset();  // Frees the worker's share of this partition.
  }
  if (status.ok()) {
    status = Finalize(target, out);
  } else {
    DestroyStates(target);
  }
  locals[0]->partitions[partition].reset();
  return status;
}

Result<SourcePtr> Aggregation::Finish(std::vector<std::unique_ptr<LocalState>>& locals) {
  bool partitioned = false;
  for (const auto& local : locals) partitioned = partitioned || local->partitioned();
  if (!partitioned) return FinishWhole(locals);
  for (auto& local : locals) {
    Status split = local->partitioned() ? Status::OK() : Split(*local);
    if (!split.ok()) {
      Abandon(locals);
      return split;
    }
  }
  std::vector<std::vector<Chunk>> outputs(kPartitions);
  std::vector<Status> statuses(kPartitions);
  context_.pool->ParallelFor(kPartitions, [&](size_t partition) {
    statuses[partition] = FinishPartition(locals, partition, &outputs[partition]);
  });
  Abandon(locals);  // The states of the whole tables' arenas were all moved; nothing is left.
  std::vector<Chunk> chunks;
  for (size_t partition = 0; partition < kPartitions; ++partition) {
    LARDER_RETURN_IF_ERROR(statuses[partition]);
    for (Chunk& chunk : outputs[partition]) chunks.push_back(std::move(chunk));
  }
  return SourcePtr(new MaterializedSource(std::move(chunks)));
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
