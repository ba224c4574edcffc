#include "cli/progress_line.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace larder::cli {

ProgressLine::ProgressLine(std::string label, uint64_t total_rows, uint64_t total_bytes)
    : label_(std::move(label)),
      total_rows_(total_rows),
      total_bytes_(total_bytes),
      terminal_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressLine::Update(uint64_t rows_done, uint64_t bytes_done) {
  auto now = std::chrono::steady_clock::now();
  auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  Draw(rows_done, bytes_done, false);
}

void ProgressLine::Finish(uint64_t rows_done, uint64_t bytes_done) {
  Draw(rows_done, bytes_done, true);
}

void ProgressLine::Draw(uint64_t rows_done, uint64_t bytes_done, bool final) {
  constexpr double kMiB = 1024.0 * 1024.0;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? rows_done / seconds : 0;
  std::string line = total_rows_ > 0
                         ? fmt::format("{}: {} / {} rows", label_, rows_done, total_rows_)
                         : fmt::format("{}: {} rows", label_, rows_done);
  if (total_bytes_ > 0) {
    line += fmt::format(", {:.1f} / {:.1f} MiB", bytes_done / kMiB, total_bytes_ / kMiB);
  }
  line += fmt::format(", {:.0f} rows/s", rate);
  if (total_bytes_ > 0)
    line += fmt::format(", {:.1f} MiB/s", seconds > 0 ? bytes_done / kMiB / seconds : 0);
  line += fmt::format(", {:.1f} s elapsed", seconds);
  if (terminal_) {
    std::fprintf(stderr, "\r\x1b[2K%s%s", line.c_str(), final ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

}  // namespace larder::cli
