// Capture payload unwrapping: from one capture request (query string, urlencoded form, gzip,
// lz-string and base64 layers) to the JSON text of its events, as PostHog's capture service
// unwraps what its SDKs send.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analytics/capture_request.h"
#include "common/status.h"

namespace larder::analytics {

// The unwrapped payload. Not copyable or movable: `json` may point into `storage`.
struct CapturePayload {
  CapturePayload() = default;
  CapturePayload(const CapturePayload&) = delete;
  CapturePayload& operator=(const CapturePayload&) = delete;

  // The JSON text of the events (not yet validated as JSON or UTF-8). Points into the request's
  // body (when it arrived as plain JSON) or into `storage`.
  std::string_view json;
  std::string storage;
  // The query string's `_` (Unix milliseconds, as posthog-js sends its sent_at) when it reads as
  // a time after 2020; older SDKs sent seconds there, which are ignored as PostHog ignores them.
  std::optional<int64_t> query_sent_at_us;
};

// Unwraps `request` into `payload`. The layers, in order:
//  1. the payload is the query string's data= when present (GET), else the body;
//  2. a payload that is base64 as a whole is decoded;
//  3. a urlencoded form (data=…&compression=…) gives its data field ('+' restored in base64
//     that form decoding turned into spaces);
//  4. compression, from the query's compression=, else the form's, else Content-Encoding:
//     gzip / gzip-js (also whenever the bytes start with the gzip magic 1f 8b), lz64 /
//     lz-string, base64 / b64;
//  5. what is still base64 rather than JSON is decoded (standard or URL-safe alphabet, padding
//     optional), and inflated if that gives gzip.
// Errors: kInvalidArgument for an empty payload, a form without data, or corrupt gzip /
// lz-string; kResourceExhausted when the payload is, or decompresses to, more than
// limits.max_decompressed_bytes.
// REQUIRES: `payload` is freshly constructed. The request's views must outlive `payload`.
Status UnwrapCapturePayload(const CaptureRequest& request, const CaptureLimits& limits,
                            CapturePayload* payload);

}  // namespace larder::analytics
