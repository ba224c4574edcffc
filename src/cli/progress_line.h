// ProgressLine: the progress of long CLI work on stderr — one line redrawn in place on a
// terminal (rows, bytes when known, rates, elapsed), plain lines at most every few seconds
// otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace larder::cli {

class ProgressLine {
 public:
  // `total_rows` 0: not known (rows are shown without a total). `total_bytes` 0: bytes are not
  // shown.
  ProgressLine(std::string label, uint64_t total_rows, uint64_t total_bytes = 0);
  void Update(uint64_t rows_done, uint64_t bytes_done = 0);
  void Finish(uint64_t rows_done, uint64_t bytes_done = 0);

 private:
  void Draw(uint64_t rows_done, uint64_t bytes_done, bool final);

  std::string label_;
  uint64_t total_rows_;
  uint64_t total_bytes_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace larder::cli
