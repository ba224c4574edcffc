#include "sync/source_registry.h"

#include "sources/mysql/mysql_source.h"
#include "sources/postgres/postgres_source.h"

namespace larder::sync {

Result<std::unique_ptr<sources::Source>> OpenSource(const sources::SourceConfig& config) {
  if (config.kind == "postgres") return sources::OpenPostgresSource(config);
  if (config.kind == "mysql") return sources::OpenMysqlSource(config);
  return InvalidArgument("unknown source type '{}'; Larder can link: postgres, mysql", config.kind);
}

}  // namespace larder::sync
