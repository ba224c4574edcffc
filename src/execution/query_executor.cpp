#include "execution/query_executor.h"

#include <chrono>

#include "execution/plan_runner.h"

namespace larder::execution {

Batch QueryResult::ToBatch() const {
  Batch batch = Batch::Empty(schema);
  for (size_t column = 0; column < schema.fields.size(); ++column) {
    ColumnVector& out = batch.columns[column];
    for (const Chunk& chunk : chunks) {
      if (chunk.rows == 0) continue;
      if (out.size() == 0 && chunk.columns[column].type() != out.type()) {
        out = ColumnVector(chunk.columns[column].type());
      }
      out.AppendRange(chunk.columns[column], 0, chunk.rows);
    }
  }
  return batch;
}

Result<QueryResult> ExecutePlan(planner::LogicalOperator& plan, TableReader& tables,
                                ThreadPool& pool, const ExecuteOptions& options) {
  functions::EvalContext eval;
  eval.time_zone = options.time_zone;
  eval.now_micros = options.now_micros;
  if (eval.now_micros == 0) {
    eval.now_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  }
  QueryContext context(&pool, std::move(eval), options.memory_limit);
  context.external_cancel = options.cancel;
  context.partition_groups = options.partition_groups;
  if (options.cancelled) context.Cancel();
  QueryResult result;
  result.schema = plan.output;
  {
    PlanRunner runner(context, tables);
    LARDER_ASSIGN_OR_RETURN(SourcePtr source, runner.Build(plan));
    uint64_t reserved = 0;
    LARDER_ASSIGN_OR_RETURN(result.chunks, CollectChunks(context, *source, &reserved));
    context.memory.Release(reserved);
  }
  for (const Chunk& chunk : result.chunks) result.rows += chunk.rows;
  result.peak_memory = context.memory.peak();
  return result;
}

}  // namespace larder::execution
