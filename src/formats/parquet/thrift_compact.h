// Decoding Parquet's metadata — the footer's FileMetaData and each page's PageHeader — from
// Thrift's compact protocol (thrift_compact_reader.h). Unknown fields are skipped; malformed
// bytes, lying lengths, deep nesting and huge counts give kCorruption, never a crash or a large
// allocation.
#pragma once

#include <string_view>

#include "common/status.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/thrift_compact_reader.h"

namespace larder::formats::parquet {

// Decodes a footer. kCorruption on malformed bytes or a missing required field.
Status DecodeFileMetaData(std::string_view data, FileMetaData* metadata);

// Decodes the PageHeader that starts `data`; `*header_size` gets its length in bytes.
Status DecodePageHeader(std::string_view data, PageHeader* header, size_t* header_size);

}  // namespace larder::formats::parquet
