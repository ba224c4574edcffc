// Leveled logging to stderr: LARDER_LOG(kInfo, "synced {} rows", n). The level is process-wide
// configuration set once by main() (LARDER_LOG_LEVEL or --log-level), not mutable state.
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace larder {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kOff = 4 };

// Sets the minimum level written. Call from main() before starting threads.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// Parses "debug" | "info" | "warning" | "error" | "off".
bool ParseLogLevel(std::string_view text, LogLevel* level);
// Writes one line "2026-11-26T00:00:00.123Z INFO file.cpp:12 message". Thread-safe.
void WriteLogLine(LogLevel level, const char* file, int line, std::string_view message);

}  // namespace larder

#define LARDER_LOG(level, ...)                                              \
  do {                                                                      \
    if (::larder::LogLevel::level >= ::larder::GetLogLevel())               \
      ::larder::WriteLogLine(::larder::LogLevel::level, __FILE__, __LINE__, \
                             fmt::format(__VA_ARGS__));                     \
  } while (false)
