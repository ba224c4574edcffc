// Event times at capture: reading the timestamp, sent_at and offset fields clients send, and the
// clock-skew correction PostHog applies to them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace larder::analytics {

// Reads a client's time text as µs since the epoch (UTC): ISO 8601 with a 'T' or a space, with
// or without fractional seconds (up to nine digits) and a zone (Z, +02:00, +0200, +02; none
// means UTC), or a date alone; or a string of digits, read as Unix milliseconds when it has 12
// or more digits before any '.', else as seconds. nullopt when it is none of these.
std::optional<int64_t> ParseCaptureTime(std::string_view text);

// The inputs of one event's time, each already in µs (nullopt when absent or unreadable).
struct EventTimeInputs {
  std::optional<int64_t> timestamp_us;  // The event's timestamp.
  std::optional<int64_t> offset_ms;     // Milliseconds between the event and sending it.
  std::optional<int64_t> sent_at_us;    // When the client sent the request, by its own clock.
  bool ignore_sent_at = false;          // properties.$ignore_sent_at.
};

// The event time as PostHog's capture computes it:
//   timestamp and sent_at:  timestamp - (sent_at - now)   (the client's clock skew removed);
//   timestamp alone:        timestamp;
//   offset (wins over both): now - offset;
//   nothing:                now.
// A result more than 23 hours after `now_us` becomes `now_us`; one outside the years 0-9999
// becomes the Unix epoch (0).
int64_t ResolveEventTime(const EventTimeInputs& inputs, int64_t now_us);

}  // namespace larder::analytics
