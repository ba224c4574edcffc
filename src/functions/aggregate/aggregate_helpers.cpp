#include "functions/aggregate/aggregate_helpers.h"

#include <cmath>

namespace larder::functions {

Result<double> NumberParam(const Value& param, std::string_view function) {
  const Value::Storage& storage = param.storage();
  if (const auto* i = std::get_if<int64_t>(&storage)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&storage)) return *d;
  if (const auto* b = std::get_if<bool>(&storage)) return *b ? 1.0 : 0.0;
  return InvalidArgument("{}: parameters must be numbers, e.g. {}(0.9)(x)", function, function);
}

Result<int64_t> CountParam(const Value& param, std::string_view function, int64_t max) {
  const auto* count = std::get_if<int64_t>(&param.storage());
  if (count == nullptr || *count <= 0 || *count > max) {
    return InvalidArgument("{}: the parameter must be a whole number from 1 to {}, e.g. {}(10)(x)",
                           function, max, function);
  }
  return *count;
}

}  // namespace larder::functions
