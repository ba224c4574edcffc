#include "functions/function_registry.h"

#include <cctype>

namespace larder::functions {
namespace {

std::string Lower(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

void FunctionRegistry::Register(FunctionInfo info) {
  std::string name = info.name;
  lower_names_.emplace(Lower(name), name);
  functions_.emplace(std::move(name), std::move(info));
}

const FunctionInfo* FunctionRegistry::Find(std::string_view name) const {
  auto it = functions_.find(name);
  if (it != functions_.end()) return &it->second;
  auto lower = lower_names_.find(Lower(name));
  if (lower == lower_names_.end()) return nullptr;
  return &functions_.find(lower->second)->second;
}

void FunctionRegistry::SetKernel(std::string_view name, ScalarKernel kernel, NullHandling nulls) {
  auto it = functions_.find(name);
  LARDER_CHECK(it != functions_.end());
  it->second.kernel = std::move(kernel);
  it->second.nulls = nulls;
}

void FunctionRegistry::SetAggregate(std::string_view name, AggregateFactory factory) {
  auto it = functions_.find(name);
  LARDER_CHECK(it != functions_.end());
  it->second.aggregate = std::move(factory);
}

void FunctionRegistry::SetConstantType(std::string_view name, ConstantTypeRule rule) {
  auto it = functions_.find(name);
  LARDER_CHECK(it != functions_.end());
  it->second.constant_type = std::move(rule);
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, info] : functions_) names.push_back(name);
  return names;
}

}  // namespace larder::functions
