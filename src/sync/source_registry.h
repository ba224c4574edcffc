// The connectors Larder has, by source type: what `larder sources` and the API open.
#pragma once

#include "sync/schema_sync.h"

namespace larder::sync {

// Opens the connector for `config.kind` ("postgres"); kInvalidArgument listing the known kinds.
Result<std::unique_ptr<sources::Source>> OpenSource(const sources::SourceConfig& config);

}  // namespace larder::sync
