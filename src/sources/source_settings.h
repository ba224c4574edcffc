// Reading a connector's settings (SourceConfig::settings) and the digits of the text values
// databases print — pieces every database connector needs.
#pragma once

#include <string>
#include <string_view>

#include "sources/source.h"

namespace larder::sources {

// Copies setting `name` into `out`; kInvalidArgument "the {source} source needs the setting …"
// when it is missing or empty.
Status RequireSetting(const SourceConfig& config, std::string_view source, const char* name,
                      std::string* out);
// Copies setting `name` into `out` when it is given and not empty; leaves `out` otherwise.
void OptionalSetting(const SourceConfig& config, const char* name, std::string* out);

// Exactly `text.size()` decimal digits (no sign), as an unsigned number; false otherwise.
template <typename T>
bool ParseDigits(std::string_view text, T* out) {
  if (text.empty()) return false;
  T value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace larder::sources
