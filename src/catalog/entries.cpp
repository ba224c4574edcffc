#include "catalog/entries.h"

#include <array>
#include <utility>

namespace larder::catalog {
namespace {

constexpr std::array<std::pair<TableKind, std::string_view>, 5> kTableKindNames = {{
    {TableKind::kEvents, "events"},
    {TableKind::kPersons, "persons"},
    {TableKind::kSynced, "synced"},
    {TableKind::kSelfManaged, "self_managed"},
    {TableKind::kView, "view"},
}};

}  // namespace

std::string_view TableKindName(TableKind kind) {
  for (const auto& [known_kind, name] : kTableKindNames) {
    if (known_kind == kind) return name;
  }
  return "unknown";
}

Result<TableKind> ParseTableKind(std::string_view name) {
  for (const auto& [kind, known_name] : kTableKindNames) {
    if (known_name == name) return kind;
  }
  return InvalidArgument(
      "unknown table kind '{}'; expected one of events, persons, synced, self_managed, view", name);
}

}  // namespace larder::catalog
