#include "execution/filter.h"

namespace larder::execution {

Result<SourcePtr> FilterSource::Make(SourcePtr child, const planner::BoundExpr& predicate,
                                     const QueryContext& context, size_t output_width) {
  auto source = std::make_unique<FilterSource>();
  source->output_width_ = output_width;
  source->child_ = std::move(child);
  LARDER_ASSIGN_OR_RETURN(source->predicate_, ExpressionEvaluator::Compile(predicate, context));
  return SourcePtr(std::move(source));
}

Result<Chunk> FilterSource::Produce(size_t morsel) {
  LARDER_ASSIGN_OR_RETURN(Chunk chunk, child_->Produce(morsel));
  if (chunk.rows == 0) return chunk;
  LARDER_ASSIGN_OR_RETURN(Selection selection, predicate_->Select(chunk));
  if (output_width_ > 0 && chunk.columns.size() > output_width_) {
    chunk.columns.erase(chunk.columns.begin() + static_cast<ptrdiff_t>(output_width_),
                        chunk.columns.end());
  }
  if (selection.size() == chunk.rows) return chunk;
  if (selection.empty()) return Chunk{{}, 0};
  return chunk.Take(selection);
}

}  // namespace larder::execution
