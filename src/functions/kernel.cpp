#include "functions/kernel.h"

namespace larder::functions {

Status AggregateFunction::UpdateSingle(const KernelCall& call, uint8_t* state) const {
  std::vector<uint8_t*> states(call.rows, state);
  return Update(call, states.data());
}

ColumnVector ConstantVector(const Value& value, const LogicalType& type) {
  ColumnVector vector(value.is_null() ? type.WithNullable(true) : type);
  vector.AppendValue(value);
  return vector;
}

}  // namespace larder::functions
