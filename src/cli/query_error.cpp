#include "cli/query_error.h"

#include <fmt/format.h>

#include <algorithm>

namespace larder::cli {

std::string ShowQueryError(std::string_view text, const hogql::SyntaxError& error) {
  size_t start = std::min<size_t>(error.start, text.size());
  size_t line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
  line_start = line_start == std::string_view::npos || start == 0 ? 0 : line_start + 1;
  size_t line_end = text.find('\n', start);
  if (line_end == std::string_view::npos) line_end = text.size();
  size_t width = std::max<size_t>(1, std::min<size_t>(error.end, line_end) - start);
  return fmt::format("{}: {}\n  {}\n  {}{}", error.TypeName(), error.message,
                     text.substr(line_start, line_end - line_start),
                     std::string(start - line_start, ' '), std::string(width, '^'));
}

}  // namespace larder::cli
