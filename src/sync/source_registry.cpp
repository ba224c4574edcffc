#include "sync/source_registry.h"

#include "sources/mysql/mysql_source.h"
#include "sources/object_storage/bucket_source.h"
#include "sources/postgres/postgres_source.h"

namespace larder::sync {
namespace {

Result<std::unique_ptr<sources::Source>> Open(const sources::SourceConfig& config,
                                              const SourcePolicy& policy) {
  if (config.kind == "postgres") return sources::OpenPostgresSource(config);
  if (config.kind == "mysql") return sources::OpenMysqlSource(config);
  if (config.kind == "bucket") {
    sources::ObjectAccess access;
    access.file_roots = policy.file_roots;
    access.deny_private_networks = policy.deny_private_networks;
    return sources::OpenBucketSource(config, access);
  }
  return InvalidArgument("unknown source type '{}'; Larder can link: {}", config.kind,
                         kSourceKinds);
}

}  // namespace

Result<std::unique_ptr<sources::Source>> OpenSource(const sources::SourceConfig& config) {
  return Open(config, SourcePolicy{});
}

SourceOpener PolicySourceOpener(SourcePolicy policy) {
  return [policy = std::move(policy)](const sources::SourceConfig& config) {
    return Open(config, policy);
  };
}

}  // namespace larder::sync
