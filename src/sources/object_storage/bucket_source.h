// The bucket / folder connector: a table made of the files a URL pattern matches — on S3, GCS,
// Cloudflare R2, any S3-compatible server, or a local folder — in CSV (with, without or with a
// detected header), TSV, JSON lines or Parquet, gzip / zstd text included. Columns are inferred
// from a sample of the files (Parquet: declared by them) and may be overridden; every column is
// Nullable, since a later file may lack one. `append` loads the objects not seen before.
//
// Settings (SourceConfig::settings):
//   url                 the pattern: s3://bucket/orders/*.parquet, gs://…, https://…, file:///…
//   format              CSV | CSVWithNames | TSVWithNames | JSONEachRow | Parquet (ClickHouse's
//                       names; csv, tsv, jsonl, parquet too); empty: from each file's extension
//   table               the table's name at the source (default: the pattern's last folder or
//                       file name, e.g. "orders"), so Larder names it bucket_orders
//   column_types        overrides, "name:Type; name:Type" (types as `describe` prints them)
//   access_key_id, secret_access_key, session_token   for buckets; none for public ones
//   region, endpoint    for the bucket when the URL does not say (see object_url.h)
#pragma once

#include <memory>

#include "common/thread_pool.h"
#include "formats/input_file.h"
#include "sources/object_storage/object_lister.h"
#include "sources/source.h"

namespace larder::sources {

// Files sampled to infer the columns, and bytes read from the start of each text file.
inline constexpr size_t kSampleObjects = 8;
inline constexpr size_t kSampleBytes = 4 << 20;

// Opens the connector. `policy` carries what the caller allows (file roots, private networks);
// its credentials and client options are filled from the settings. kInvalidArgument for a
// malformed URL, format or override.
Result<std::unique_ptr<Source>> OpenBucketSource(const SourceConfig& config,
                                                 const ObjectAccess& policy);

// One listed object opened for decoding: a local file mapped (after the file-root check), an
// object downloaded whole. Messages name it as `url` shows it.
Result<formats::ImportInput> FetchObjectInput(const ObjectUrl& url, const ObjectInfo& object,
                                              const ObjectAccess& access,
                                              formats::FileFormat format, size_t chunk_bytes,
                                              ThreadPool* pool);

}  // namespace larder::sources
