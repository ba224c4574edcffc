#include "catalog/name_rules.h"

#include <cctype>
#include <filesystem>
#include <string>
#include <system_error>

namespace larder::catalog {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "'-'" for printable characters, "byte 0xC3" for anything else.
std::string DescribeChar(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", byte);
}

Status ValidateLabel(std::string_view what, std::string_view text, size_t max_chars) {
  if (text.empty()) return InvalidArgument("{} must not be empty", what);
  if (text.size() > max_chars) {
    return InvalidArgument("{} is {} characters long; the limit is {}", what, text.size(),
                           max_chars);
  }
  return Status::OK();
}

// A path component of a zone name: starts with a letter, then [A-Za-z0-9_+-].
bool IsZoneComponent(std::string_view component) {
  if (component.empty() || !IsAsciiLetter(component.front())) return false;
  for (char c : component) {
    if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && c != '_' && c != '+' && c != '-') return false;
  }
  return true;
}

bool LooksLikeIanaZone(std::string_view time_zone) {
  size_t n_components = 0;
  while (true) {
    size_t slash = time_zone.find('/');
    if (!IsZoneComponent(time_zone.substr(0, slash))) return false;
    ++n_components;
    if (slash == std::string_view::npos) return n_components >= 2;
    time_zone.remove_prefix(slash + 1);
  }
}

}  // namespace

Status ValidateProjectName(std::string_view name) {
  return ValidateLabel("project name", name, kMaxProjectNameChars);
}

Status ValidateApiKeyLabel(std::string_view label) {
  return ValidateLabel("personal API key label", label, kMaxApiKeyLabelChars);
}

Status ValidateTableName(std::string_view name) {
  if (name.empty()) return InvalidArgument("table name must not be empty");
  if (name.size() > kMaxTableNameChars) {
    return InvalidArgument("table name '{}...' is {} characters long; the limit is {}",
                           name.substr(0, 32), name.size(), kMaxTableNameChars);
  }
  for (size_t char_idx = 0; char_idx < name.size(); ++char_idx) {
    char c = name[char_idx];
    bool allowed = IsAsciiLetter(c) || c == '_' || (char_idx > 0 && IsAsciiDigit(c));
    if (allowed) continue;
    return InvalidArgument(
        "table name '{}' is not a valid identifier: {} at position {} is not allowed; use "
        "letters, digits and '_', and do not start with a digit",
        name, DescribeChar(c), char_idx + 1);
  }
  return Status::OK();
}

Status ValidateTimeZone(std::string_view time_zone, std::string_view zoneinfo_dir) {
  if (time_zone == "UTC") return Status::OK();
  if (!LooksLikeIanaZone(time_zone)) {
    return InvalidArgument(
        "invalid time zone '{}': use 'UTC' or an IANA name such as 'Europe/Berlin'", time_zone);
  }
  std::error_code error;
  std::filesystem::path file = std::filesystem::path(zoneinfo_dir) / time_zone;
  if (!std::filesystem::is_regular_file(file, error)) {
    return InvalidArgument(
        "unknown time zone '{}': there is no such zone in {}; use 'UTC' or an IANA name such as "
        "'Europe/Berlin'",
        time_zone, zoneinfo_dir);
  }
  return Status::OK();
}

std::string SyncedTableName(std::string_view prefix, std::string_view source_type,
                            std::string_view table) {
  std::string name = std::string(prefix) + std::string(source_type) + "_" + std::string(table);
  for (char& c : name) {
    unsigned char byte = static_cast<unsigned char>(c);
    c = std::isalnum(byte) && byte < 128 ? static_cast<char>(std::tolower(byte)) : '_';
  }
  if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) name.insert(0, "_");
  if (name.size() > kMaxTableNameChars) name.resize(kMaxTableNameChars);
  return name;
}

}  // namespace larder::catalog
