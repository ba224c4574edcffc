#include "analytics/capture_timestamp.h"

#include "types/datetime.h"

namespace larder::analytics {

namespace {

constexpr int64_t kMicrosPerMilli = 1000;
constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;
constexpr int64_t kFutureCutoffMicros = int64_t{23} * 3600 * kMicrosPerSecond;
// Integer parts with this many digits or more are milliseconds, shorter ones seconds.
constexpr size_t kMillisecondDigits = 12;

// Unix time in a string of digits with an optional fraction.
std::optional<int64_t> ParseNumericTime(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 16) return std::nullopt;
  int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  int64_t unit = whole.size() >= kMillisecondDigits ? kMicrosPerMilli : kMicrosPerSecond;
  int64_t fraction_micros = 0;
  int64_t scale = unit;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    scale /= 10;
    fraction_micros += (c - '0') * scale;
  }
  return value * unit + fraction_micros;
}

}  // namespace

std::optional<int64_t> ParseCaptureTime(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  int64_t micros = 0;
  if (text.size() >= 10 && text[4] == '-' && ParseDateTimeWithOffset(text, &micros)) {
    return micros;
  }
  return ParseNumericTime(text);
}

int64_t ResolveEventTime(const EventTimeInputs& inputs, int64_t now_us) {
  // 128-bit arithmetic: client values can be anything.
  __int128 result = now_us;
  if (inputs.timestamp_us) {
    result = *inputs.timestamp_us;
    if (inputs.sent_at_us && !inputs.ignore_sent_at) {
      result -= static_cast<__int128>(*inputs.sent_at_us) - now_us;
    }
  }
  if (inputs.offset_ms) {
    result =
        static_cast<__int128>(now_us) - static_cast<__int128>(*inputs.offset_ms) * kMicrosPerMilli;
  }
  if (result - now_us > kFutureCutoffMicros) result = now_us;
  const int64_t year_0 = DaysFromCivil(0, 1, 1) * kMicrosPerDay;
  const int64_t year_10000 = DaysFromCivil(10000, 1, 1) * kMicrosPerDay;
  if (result < year_0 || result >= year_10000) return 0;
  return static_cast<int64_t>(result);
}

}  // namespace larder::analytics
