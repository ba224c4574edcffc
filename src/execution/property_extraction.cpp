#include "execution/property_extraction.h"

#include <map>

#include "functions/scalar/json.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::BoundExprPtr;

namespace {

// The column and path of a `_property(#column, 'a', 'b')` call, or false.
bool AsPropertyRead(const BoundExpr& expr, size_t* column, std::vector<std::string>* path) {
  if (expr.kind != BoundExpr::Kind::kCall || !expr.function || expr.function->name != "_property" ||
      expr.args.size() < 2 || expr.args[0]->kind != BoundExpr::Kind::kColumn) {
    return false;
  }
  path->clear();
  for (size_t i = 1; i < expr.args.size(); ++i) {
    const BoundExpr& key = *expr.args[i];
    if (key.kind != BoundExpr::Kind::kConstant || key.value.is_null() ||
        !key.type.is_string_like()) {
      return false;
    }
    path->push_back(key.value.as_string());
  }
  *column = expr.args[0]->column;
  return true;
}

using Reads = std::map<size_t, std::map<std::vector<std::string>, int>>;

// Collects the property reads of `expr`; `calls` counts them per JSON column.
void CollectReads(const BoundExpr& expr, Reads* reads, std::map<size_t, int>* calls) {
  size_t column = 0;
  std::vector<std::string> path;
  if (AsPropertyRead(expr, &column, &path)) {
    (*reads)[column].emplace(path, -1);
    ++(*calls)[column];
    return;
  }
  for (const auto& arg : expr.args) CollectReads(*arg, reads, calls);
}

void Rewrite(BoundExprPtr& expr, const Reads& reads) {
  size_t column = 0;
  std::vector<std::string> path;
  if (AsPropertyRead(*expr, &column, &path)) {
    auto json = reads.find(column);
    if (json != reads.end()) {
      int index = json->second.at(path);
      if (index >= 0) {
        expr = planner::MakeColumn(static_cast<size_t>(index), expr->type, expr->name);
        return;
      }
    }
  }
  for (auto& arg : expr->args) Rewrite(arg, reads);
}

class PropertySource : public Source {
 public:
  PropertySource(SourcePtr child, std::vector<PropertyColumn> columns)
      : child_(std::move(child)), columns_(std::move(columns)) {}
  size_t MorselCount() const override { return child_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override {
    LARDER_ASSIGN_OR_RETURN(Chunk chunk, child_->Produce(morsel));
    if (chunk.rows == 0) return chunk;
    for (const PropertyColumn& column : columns_) {
      std::vector<ColumnVector> values;
      functions::KernelArg json{&chunk.columns[column.json_column], false};
      LARDER_RETURN_IF_ERROR(functions::ExtractProperties(json, chunk.rows, column.paths, &values));
      for (ColumnVector& value : values) chunk.columns.push_back(std::move(value));
    }
    return chunk;
  }

 private:
  SourcePtr child_;
  std::vector<PropertyColumn> columns_;
};

}  // namespace

std::vector<PropertyColumn> PlanPropertyExtraction(std::vector<BoundExprPtr*> exprs,
                                                   size_t input_width) {
  Reads reads;
  std::map<size_t, int> calls;
  for (BoundExprPtr* expr : exprs) {
    if (*expr) CollectReads(**expr, &reads, &calls);
  }
  std::vector<PropertyColumn> columns;
  size_t next = input_width;
  for (auto& [json, paths] : reads) {
    // One read of one path needs no extraction stage; two reads (of one path or several) parse
    // each document once instead of twice.
    if (calls[json] < 2) continue;
    PropertyColumn column;
    column.json_column = json;
    column.first_output = next;
    for (auto& [path, index] : paths) {
      index = static_cast<int>(next++);
      column.paths.push_back(path);
    }
    columns.push_back(std::move(column));
  }
  if (columns.empty()) return columns;
  for (BoundExprPtr* expr : exprs) {
    if (*expr) Rewrite(*expr, reads);
  }
  return columns;
}

SourcePtr ExtractProperties(SourcePtr child, std::vector<PropertyColumn> columns) {
  if (columns.empty()) return child;
  return SourcePtr(new PropertySource(std::move(child), std::move(columns)));
}

}  // namespace larder::execution
