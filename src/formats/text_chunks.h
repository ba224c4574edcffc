// Splitting a text file (CSV or JSON lines) into chunks that start at record boundaries, so that
// `larder import` can read them in parallel, and the per-chunk results the decoders produce.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/thread_pool.h"

namespace larder::formats {

// A part of a file: the records that start in [begin, end). The last of them may run past `end`.
struct TextChunk {
  std::string_view data;  // The whole file.
  size_t begin = 0;
  size_t end = 0;
  uint64_t first_line = 1;     // The line number of data[begin].
  uint64_t expected_rows = 0;  // A hint for reserving memory; 0 when unknown.
};

// Splits data[begin, data.size()) into chunks of about `target_bytes`, each starting after a
// '\n'. With `quote_aware` (CSV) a split is placed only where the count of '"' since `begin` is
// even, i.e. outside quoted fields as RFC 4180 writes them. A quote inside an unquoted field
// (5'11") fools that count, and a split may then fall inside a record; reading the chunk before
// it shows this (its last record ends past the split), and the caller re-splits the rest of the
// file at records (TextDecoder::SplitAtRecords). Counting runs on `pool` (may be null).
// `first_line` is the line number of data[begin].
std::vector<TextChunk> SplitIntoChunks(std::string_view data, size_t begin, uint64_t first_line,
                                       size_t target_bytes, bool quote_aware, ThreadPool* pool);

// The length of a UTF-8 byte order mark at the start of `data` (3), or 0.
size_t ByteOrderMarkLength(std::string_view data);

// How many bytes of data[from, to) equal `byte`.
uint64_t CountByte(std::string_view data, size_t from, size_t to, char byte);

// Where a chunk's reader stopped: just past its last record (its line ending included).
struct ChunkEnd {
  size_t offset = 0;
  uint64_t line = 1;  // The line number at `offset`.
};

}  // namespace larder::formats
