// ObjectTableScan: the engine's scan of a self-managed table — the files a URL pattern matches,
// read in place at query time. Parquet files give one morsel per row group: only the columns a
// query needs are fetched (one ranged read per column chunk), and row groups whose statistics
// show that no row can match the query's simple predicates are not fetched at all. Text files
// (CSV, JSON lines) give one morsel per file, downloaded and decoded when first read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "execution/table_reader.h"
#include "formats/input_file.h"
#include "sources/object_storage/object_lister.h"

namespace larder::external {

struct ObjectScanRequest {
  sources::ObjectUrl url;
  sources::ObjectAccess access;
  formats::FileFormat format = formats::FileFormat::kAuto;
  std::string table_name;            // For messages.
  Schema schema;                     // The table's columns.
  std::vector<std::string> columns;  // Those to read, in this order.
  std::vector<storage::ColumnPredicate> prune;
};

// Lists the files and reads the Parquet footers. Errors name the file: kInvalidArgument when a
// file's column does not convert to the table's type, or a text value does not parse.
Result<std::unique_ptr<execution::TableScanner>> OpenObjectTableScan(ObjectScanRequest request);

}  // namespace larder::external
