// The connectors Larder has, by source type: what `larder sources` and the API open.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/schema_sync.h"

namespace larder::sync {

// What a server lets linked sources reach (`larder serve --file-root`, `--deny-private-networks`).
struct SourcePolicy {
  // Folders file:// patterns may read; nullopt: any (the embedded CLI), empty: none.
  std::optional<std::vector<std::string>> file_roots;
  bool deny_private_networks = false;
};

// The kinds OpenSource knows, for messages: "postgres, mysql, bucket".
inline constexpr const char* kSourceKinds = "postgres, mysql, bucket";

// Opens the connector for `config.kind` ("postgres", "mysql", "bucket") with no restriction on
// what it reads (the embedded CLI); kInvalidArgument listing the known kinds.
Result<std::unique_ptr<sources::Source>> OpenSource(const sources::SourceConfig& config);

// An opener that applies `policy` to the connectors it opens (the server's).
SourceOpener PolicySourceOpener(SourcePolicy policy);

}  // namespace larder::sync
