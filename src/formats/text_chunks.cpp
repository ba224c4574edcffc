#include "formats/text_chunks.h"

#include <algorithm>
#include <cstring>

namespace larder::formats {

size_t ByteOrderMarkLength(std::string_view data) {
  return data.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

uint64_t CountByte(std::string_view data, size_t from, size_t to, char byte) {
  // Eight bytes at a time: a byte of `word ^ pattern` is zero where the data holds `byte`; the
  // per-byte flags (0 or 1) are summed in eight byte-wide counters, emptied every 255 words.
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  const uint64_t pattern = kOnes * static_cast<uint8_t>(byte);
  const char* p = data.data() + from;
  const char* end = data.data() + to;
  uint64_t count = 0;
  while (end - p >= 8) {
    uint64_t counters = 0;
    for (int round = 0; round < 255 && end - p >= 8; ++round, p += 8) {
      uint64_t word;
      std::memcpy(&word, p, sizeof(word));
      uint64_t x = word ^ pattern;
      uint64_t nonzero = ((x & kLow7) + kLow7) | x;
      counters += (~nonzero >> 7) & kOnes;
    }
    // Byte lanes (at most 255 each) to 16-bit lanes, then their sum in the top 16 bits.
    constexpr uint64_t kEvenBytes = 0x00FF00FF00FF00FFULL;
    uint64_t pairs = (counters & kEvenBytes) + ((counters >> 8) & kEvenBytes);
    count += (pairs * 0x0001000100010001ULL) >> 48;
  }
  for (; p < end; ++p) count += *p == byte;
  return count;
}

std::vector<TextChunk> SplitIntoChunks(std::string_view data, size_t begin, uint64_t first_line,
                                       size_t target_bytes, bool quote_aware, ThreadPool* pool) {
  std::vector<TextChunk> chunks;
  const size_t size = data.size();
  if (begin >= size) return chunks;
  target_bytes = std::max<size_t>(target_bytes, 64);
  const size_t segments = (size - begin + target_bytes - 1) / target_bytes;
  struct Counts {
    uint64_t quotes = 0;
    uint64_t newlines = 0;
  };
  std::vector<Counts> counts(segments);
  auto count_segment = [&](size_t segment) {
    size_t from = begin + segment * target_bytes;
    size_t to = std::min(size, from + target_bytes);
    counts[segment].newlines = CountByte(data, from, to, '\n');
    if (quote_aware) counts[segment].quotes = CountByte(data, from, to, '"');
  };
  // The last segment's counts are never needed.
  if (pool != nullptr) {
    pool->ParallelFor(segments - 1, count_segment);
  } else {
    for (size_t segment = 0; segment + 1 < segments; ++segment) count_segment(segment);
  }

  chunks.push_back({data, begin, size, first_line, 0});
  uint64_t quotes_before = 0, lines_before = first_line;
  for (size_t segment = 1; segment < segments; ++segment) {
    quotes_before += counts[segment - 1].quotes;
    lines_before += counts[segment - 1].newlines;
    size_t pos = begin + segment * target_bytes;
    if (pos < chunks.back().begin) continue;  // A long quoted field walked past this segment.
    bool in_quotes = (quotes_before & 1) != 0;
    uint64_t line = lines_before;
    for (; pos < size; ++pos) {
      const char c = data[pos];
      if (quote_aware && c == '"') in_quotes = !in_quotes;
      if (c != '\n') continue;
      ++line;
      if (!in_quotes) break;
    }
    if (pos + 1 >= size) break;
    chunks.back().end = pos + 1;
    chunks.push_back({data, pos + 1, size, line, 0});
  }
  return chunks;
}

}  // namespace larder::formats
