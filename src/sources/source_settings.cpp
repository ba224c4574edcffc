#include "sources/source_settings.h"

namespace larder::sources {

Status RequireSetting(const SourceConfig& config, std::string_view source, const char* name,
                      std::string* out) {
  auto it = config.settings.find(name);
  if (it == config.settings.end() || it->second.empty()) {
    return InvalidArgument("the {} source needs the setting \"{}\"", source, name);
  }
  *out = it->second;
  return Status::OK();
}

void OptionalSetting(const SourceConfig& config, const char* name, std::string* out) {
  auto it = config.settings.find(name);
  if (it != config.settings.end() && !it->second.empty()) *out = it->second;
}

}  // namespace larder::sources
