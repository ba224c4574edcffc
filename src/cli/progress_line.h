// ProgressLine: the progress of long CLI work on stderr — one line redrawn in place on a
// terminal (rows, rate, elapsed), plain lines at most every few seconds otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace larder::cli {

class ProgressLine {
 public:
  ProgressLine(std::string label, uint64_t total_rows);
  void Update(uint64_t rows_done);
  void Finish(uint64_t rows_done);

 private:
  void Draw(uint64_t rows_done, bool final);

  std::string label_;
  uint64_t total_rows_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace larder::cli
