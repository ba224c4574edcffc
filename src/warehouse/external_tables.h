// Self-managed tables: files in a bucket or a folder that Larder reads in place at query time
// (catalog kind self_managed). The catalog entry's definition holds their format, their columns
// and the sealed settings to reach them; the engine scans them through a hook the binary installs
// (external/self_managed_tables.h), since reading buckets lives in a layer above this one.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/entries.h"
#include "execution/table_reader.h"

namespace larder::warehouse {

struct SelfManagedDefinition {
  std::string format;           // As the user named it ("Parquet", "CSVWithNames", …); may be "".
  Schema schema;                // The columns queries see.
  std::string sealed_settings;  // SecretBox-sealed JSON settings of the bucket connector.
};

std::string EncodeSelfManagedDefinition(const SelfManagedDefinition& definition);
// kCorruption when `json` is not a definition this version wrote.
Result<SelfManagedDefinition> DecodeSelfManagedDefinition(std::string_view json);

// Opens a scan of `columns` of a self-managed table; `prune` as TableReader::OpenScan's.
using ExternalScanOpener = std::function<Result<std::unique_ptr<execution::TableScanner>>(
    const catalog::TableEntry& entry, const std::vector<std::string>& columns,
    const std::vector<storage::ColumnPredicate>& prune)>;

}  // namespace larder::warehouse
