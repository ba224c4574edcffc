// Which objects a linked table's URL pattern names: lists a bucket by the pattern's literal
// prefix (or walks a local folder) and keeps the keys the glob matches, with size and ETag, so
// syncs load each object once and readers open them by range. Also the rule that confines
// file:// patterns to the folders a server's operator allows (`larder serve --file-root DIR`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/byte_source.h"
#include "common/http_client.h"
#include "common/status.h"
#include "sources/object_storage/object_url.h"
#include "sources/object_storage/s3_client.h"
#include "sources/object_storage/sigv4.h"

namespace larder::sources {

// How objects may be reached.
struct ObjectAccess {
  AwsCredentials credentials;  // For buckets.
  // For file:// patterns: nullopt lets any local path be read (the embedded CLI, whose user can
  // read it anyway); otherwise only files inside these folders, and none when it is empty.
  std::optional<std::vector<std::string>> file_roots;
  // Refuse bucket endpoints on loopback, private or link-local addresses.
  bool deny_private_networks = false;
  // Keys per listing page (1 to 1000); smaller only to test continuation.
  int max_keys_per_page = 1000;
  // Objects read whole (text files) up to this size are held in memory; larger ones are
  // downloaded to a temporary file ($TMPDIR) and mapped.
  uint64_t in_memory_object_bytes = 64 << 20;
  // Retries, timeouts and the clock for buckets; endpoint, region and credentials are set
  // from the URL and the fields above.
  S3ClientOptions client_options;
};

// At most this many objects are listed for one pattern (kResourceExhausted beyond).
inline constexpr size_t kMaxListedObjects = 1000000;

// Checks a file:// pattern against the folders an operator allows, before anything is read:
// kPermissionDenied when `roots` is empty (file:// is not allowed at all), when the pattern has
// a ".." segment, or when the folder listing would start in (after resolving symbolic links)
// lies outside every root; kNotFound when that folder does not exist. OK for other providers.
Status CheckFileRoots(const ObjectUrl& url, const std::vector<std::string>& roots);

// The objects `url` matches, sorted by key; keys ending in '/' (folder markers) are left out.
// For file:// the keys are absolute paths and the ETag is the size and modification time. With
// access.file_roots set, every folder walked and every file listed is resolved (realpath) and
// must lie inside a root: a symbolic link leading out fails the listing with kPermissionDenied
// naming it.
Result<std::vector<ObjectInfo>> ListMatchingObjects(const ObjectUrl& url,
                                                    const ObjectAccess& access);

// Opens an object ListMatchingObjects returned, for reading by ranges (checked against the file
// roots again for local files).
Result<std::unique_ptr<ByteSource>> OpenListedObject(const ObjectUrl& url, const ObjectInfo& object,
                                                     const ObjectAccess& access);

// Streams a listed object whole to `sink`, in bounded memory.
Status StreamListedObject(const ObjectUrl& url, const ObjectInfo& object,
                          const ObjectAccess& access, const HttpBodySink& sink);

}  // namespace larder::sources
