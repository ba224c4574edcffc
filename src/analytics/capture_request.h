// Capture decoding: turns one HTTP request to a PostHog capture route (/capture, /batch, /e,
// /i/v0/e, /track, /engage) into validated CapturedEvents, as PostHog's capture service reads
// them: body shapes, compression, form fields, clock-skew correction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analytics/captured_event.h"
#include "common/status.h"

namespace larder::analytics {

// What capture decoding needs of an HTTP request. Views are borrowed for the call.
struct CaptureRequest {
  std::string_view method;            // "GET" or "POST".
  std::string_view path;              // e.g. "/batch/" (routing decided it is a capture route).
  std::string_view query_string;      // Raw, without '?': "compression=gzip-js&ver=1.2".
  std::string_view content_type;      // Header value, may be empty.
  std::string_view content_encoding;  // Header value, may be empty.
  std::string_view body;
};

struct CaptureLimits {
  size_t max_decompressed_bytes = 20 << 20;  // A body inflating past this is refused (413).
  size_t max_events = 10000;                 // Events in one request.
  int max_json_depth = 64;  // Nesting deeper than this is refused; the root is level 1.
};

// Decodes `request` received at `now_us`: unwraps the payload (capture_payload.h), parses it
// once, and reads each event (event times as capture_timestamp.h says). Errors (the server maps
// codes to statuses):
//   kInvalidArgument  (400) malformed body / compression / JSON, empty batch, missing or
//                     mistyped event, distinct_id, timestamp, uuid …; the message names the
//                     field and the event's index in the batch ("event 3: …"); JSON errors name
//                     the byte offset in the decoded payload; events with different tokens.
//   kUnauthenticated  (401) no token (api_key, token, $token or properties.token) in the
//                     request, or a personal API key (phx_…) in its place. Whether the token
//                     belongs to a project is the caller's to check.
//   kResourceExhausted (413) the body inflates past max_decompressed_bytes, or too many events.
// One bad event rejects the whole request: nothing of it is stored. $performance_event events
// are dropped as PostHog drops them, so a valid request may yield no events (answer 200).
// Thread-safe: each thread reuses its own JSON parser.
Result<CaptureBatch> DecodeCapture(const CaptureRequest& request, int64_t now_us,
                                   const CaptureLimits& limits);

}  // namespace larder::analytics
