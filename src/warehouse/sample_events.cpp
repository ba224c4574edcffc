#include "warehouse/sample_events.h"

#include <fmt/format.h>

#include <array>

namespace larder::warehouse {
namespace {

// SplitMix64: a stateless mix so row i's values depend only on (seed, i).
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::array<std::string_view, 12> kEvents = {
    "$pageview", "$pageview", "$pageview", "$autocapture",  "$autocapture", "$pageleave",
    "signed_up", "purchase",  "$identify", "added_to_cart", "$pageview",    "viewed_pricing"};
constexpr std::array<std::string_view, 5> kBrowsers = {"Chrome", "Safari", "Firefox", "Edge",
                                                       "Opera"};
constexpr std::array<std::string_view, 4> kOs = {"Windows", "Mac OS X", "iOS", "Android"};
constexpr std::array<std::string_view, 6> kPaths = {
    "/", "/pricing", "/docs", "/blog/launch", "/signup", "/product/warehouse"};
constexpr std::array<std::string_view, 5> kCountries = {"US", "DE", "GB", "FR", "BR"};

template <size_t N>
std::string_view Pick(const std::array<std::string_view, N>& values, uint64_t random) {
  return values[random % N];
}

}  // namespace

Schema SampleEventsSchema() {
  return Schema{{{"uuid", LogicalType::Uuid()},
                 {"event", LogicalType::String()},
                 {"distinct_id", LogicalType::String()},
                 {"timestamp", LogicalType::DateTime()},
                 {"properties", LogicalType::Json()}}};
}

Batch GenerateSampleEvents(const SampleEventsOptions& options, uint64_t first_row, size_t count) {
  Batch batch = Batch::Empty(SampleEventsSchema());
  ColumnVector& uuid = batch.columns[0];
  ColumnVector& event = batch.columns[1];
  ColumnVector& distinct_id = batch.columns[2];
  ColumnVector& timestamp = batch.columns[3];
  ColumnVector& properties = batch.columns[4];
  uuid.Resize(count);
  timestamp.Resize(count);
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t row = first_row + i;
    const uint64_t r0 = Mix(options.seed ^ (row * 4));
    const uint64_t r1 = Mix(options.seed ^ (row * 4 + 1));
    const uint64_t r2 = Mix(options.seed ^ (row * 4 + 2));
    // UUIDv7-like: time-ordered high bits, random low bits.
    int64_t ts = options.start_micros + static_cast<int64_t>(row) * options.average_gap_micros +
                 static_cast<int64_t>(r0 % static_cast<uint64_t>(options.average_gap_micros));
    uuid.mutable_data<Uuid128>()[i] = {
        (static_cast<uint64_t>(ts / 1000) << 16) | 0x7000 | (r1 & 0x0fff),
        (r2 & 0x3fffffffffffffffULL) | 0x8000000000000000ULL};
    timestamp.mutable_data<int64_t>()[i] = ts;
    uint64_t user = r1 % options.users;
    event.AppendString(Pick(kEvents, r0 >> 8));
    text = fmt::format("user_{:06d}", user);
    distinct_id.AppendString(text);
    text = fmt::format(
        R"({{"$browser":"{}","$os":"{}","$current_url":"https://example.com{}","$pathname":"{}",)"
        R"("$geoip_country_code":"{}","$screen_width":{},"$session_id":"s{:x}","plan":"{}",)"
        R"("revenue":{}}})",
        Pick(kBrowsers, r2), Pick(kOs, r2 >> 8), Pick(kPaths, r0 >> 16), Pick(kPaths, r0 >> 16),
        Pick(kCountries, user), 1280 + (r2 >> 16) % 4 * 160, (user << 8) | (row / 5000 % 256),
        user % 3 == 0 ? "pro" : "free", (r2 >> 24) % 5 == 0 ? (r2 >> 32) % 20000 / 100.0 : 0.0);
    properties.AppendString(text);
  }
  return batch;
}

std::vector<analytics::CapturedEvent> SampleCapturedEvents(const SampleEventsOptions& options,
                                                           uint64_t first_row, size_t count) {
  Batch rows = GenerateSampleEvents(options, first_row, count);
  std::vector<analytics::CapturedEvent> events(count);
  for (size_t row = 0; row < count; ++row) {
    analytics::CapturedEvent& event = events[row];
    event.uuid = rows.columns[0].data<Uuid128>()[row];
    event.event = rows.columns[1].GetString(row);
    event.distinct_id = rows.columns[2].GetString(row);
    event.timestamp_us = rows.columns[3].data<int64_t>()[row];
    event.created_at_us = event.timestamp_us;
    event.properties_json = rows.columns[4].GetString(row);
    constexpr std::string_view kSessionKey = R"("$session_id":")";
    size_t session = event.properties_json.find(kSessionKey);
    if (session != std::string::npos) {
      size_t start = session + kSessionKey.size();
      event.session_id =
          event.properties_json.substr(start, event.properties_json.find('"', start) - start);
    }
    const uint64_t user = std::stoull(event.distinct_id.substr(5));
    if (event.event == "$identify") {
      event.set_json = fmt::format(R"({{"email":"{}@example.com","plan":"{}"}})", event.distinct_id,
                                   user % 3 == 0 ? "pro" : "free");
    } else if (event.event == "signed_up") {
      event.set_once_json =
          fmt::format(R"({{"initial_referrer":"{}"}})", user % 2 == 0 ? "google" : "direct");
    }
  }
  return events;
}

Status LoadSampleEvents(analytics::EventIngester* ingester, int64_t project_id,
                        const SampleEventsOptions& options, uint64_t first_row, uint64_t count,
                        const std::function<void(uint64_t)>& progress) {
  constexpr uint64_t kBatchRows = 5000;
  for (uint64_t done = 0; done < count;) {
    size_t rows = static_cast<size_t>(std::min(kBatchRows, count - done));
    LARDER_RETURN_IF_ERROR(
        ingester->Accept(project_id, SampleCapturedEvents(options, first_row + done, rows)));
    done += rows;
    if (progress) progress(done);
  }
  return ingester->Flush();
}

}  // namespace larder::warehouse
