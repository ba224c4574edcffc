#include "analytics/capture_payload.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "analytics/form_decoding.h"
#include "analytics/gzip.h"
#include "analytics/lz_string.h"

namespace larder::analytics {

namespace {

enum class Compression { kNone, kGzip, kLzString, kBase64 };

// 2021-01-01T00:00:00Z in milliseconds: a sent_at in `_` before this is not milliseconds.
constexpr int64_t kFirstPlausibleSentAtMillis = 1609459200000;

// The compression `value` names; kNone also for names it does not know (`*unknown` is then set
// to the name, unless it says "no compression").
Compression ParseCompression(std::string_view value, std::string* unknown = nullptr) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "gzip" || lower == "gzip-js") return Compression::kGzip;
  if (lower == "lz64" || lower == "lz-string") return Compression::kLzString;
  if (lower == "base64" || lower == "b64") return Compression::kBase64;
  bool none = lower.empty() || lower == "none" || lower == "identity" || lower == "undefined";
  if (!none && unknown != nullptr && unknown->empty()) *unknown = std::string(value.substr(0, 40));
  return Compression::kNone;
}

// The first supported compression among the query's, the form's and the header's, as PostHog
// picks it. `*unknown` gets the first name that is not a compression Larder knows.
Compression ChooseCompression(const std::optional<std::string>& query_value,
                              const std::optional<std::string>& form_value,
                              std::string_view content_encoding, std::string* unknown) {
  for (const std::optional<std::string>& value : {query_value, form_value}) {
    if (!value) continue;
    Compression compression = ParseCompression(*value, unknown);
    if (compression != Compression::kNone) return compression;
  }
  return ParseCompression(content_encoding, unknown);
}

// True when `text` starts (after whitespace) like a JSON object or array.
bool StartsLikeJson(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

// Form decoding turns '+' into ' '; in base64 it was a '+'.
void RestorePlusSigns(std::string* base64) {
  std::replace(base64->begin(), base64->end(), ' ', '+');
}

std::optional<int64_t> ParseQuerySentAt(std::string_view query) {
  std::optional<std::string> value = FindFormField(query, "_");
  if (!value) return std::nullopt;
  int64_t millis = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), millis);
  if (error != std::errc() || end != value->data() + value->size()) return std::nullopt;
  if (millis < kFirstPlausibleSentAtMillis || millis > INT64_MAX / 1000) return std::nullopt;
  return millis * 1000;
}

Status PayloadTooLarge(size_t size, size_t max_bytes) {
  return ResourceExhausted(
      "the payload is {} bytes, over the limit of {} bytes; send smaller "
      "batches",
      size, max_bytes);
}

// Layer 5: base64 left after decompression (older SDKs and explicit compression=base64).
Status UnwrapLeftoverBase64(const CaptureLimits& limits, Compression compression,
                            CapturePayload* payload) {
  if (StartsLikeJson(payload->json)) return Status::OK();
  const bool declared = compression == Compression::kBase64;
  if (!LooksLikeBase64(payload->json, /*allow_spaces=*/true, /*allow_unpadded=*/true)) {
    if (!declared) return Status::OK();  // Not base64: the JSON parser will say what it is.
    return InvalidArgument("compression is base64 but the payload is not valid base64");
  }
  Result<std::string> decoded = DecodeBase64(payload->json);
  // Text that merely looks like base64 ("null", "1234") decodes to bytes that are no payload.
  if (!decoded.ok() || (!StartsLikeJson(*decoded) && !HasGzipMagic(*decoded))) {
    if (!declared) return Status::OK();
    return InvalidArgument(
        "compression is base64 but the payload does not decode to JSON or gzip: {}",
        decoded.ok() ? "the decoded bytes are not a JSON object or array"
                     : decoded.status().message());
  }
  if (HasGzipMagic(*decoded)) {
    LARDER_ASSIGN_OR_RETURN(payload->storage,
                            GunzipCapped(*decoded, limits.max_decompressed_bytes));
  } else {
    payload->storage = std::move(decoded).value();
  }
  payload->json = payload->storage;
  return Status::OK();
}

}  // namespace

Status UnwrapCapturePayload(const CaptureRequest& request, const CaptureLimits& limits,
                            CapturePayload* payload) {
  const size_t max_bytes = limits.max_decompressed_bytes;
  payload->query_sent_at_us = ParseQuerySentAt(request.query_string);

  // Layer 1: where the payload is.
  std::string owned;  // Holds the payload whenever a layer rewrote it.
  std::string_view raw = request.body;
  std::optional<std::string> query_data = FindFormField(request.query_string, "data");
  if (query_data && !query_data->empty()) {
    owned = std::move(*query_data);
    if (!StartsLikeJson(owned) && LooksLikeBase64(owned, true, true)) RestorePlusSigns(&owned);
    raw = owned;
  } else if (raw.empty()) {
    return InvalidArgument(
        "the request has no payload: send the events as the body (or as data= in the query "
        "string)");
  }

  // Layer 2: the whole payload in base64. Not when the query says lz-string, whose output is
  // base64 text too.
  std::optional<std::string> query_compression = FindFormField(request.query_string, "compression");
  bool query_says_lz_string =
      query_compression && ParseCompression(*query_compression) == Compression::kLzString;
  if (!query_says_lz_string && !LooksLikeCaptureForm(raw) && LooksLikeBase64(raw, false, false)) {
    Result<std::string> decoded = DecodeBase64(raw);
    if (decoded.ok() &&
        (StartsLikeJson(*decoded) || HasGzipMagic(*decoded) || LooksLikeCaptureForm(*decoded))) {
      owned = std::move(decoded).value();
      raw = owned;
    }
  }

  // Layer 3: a urlencoded form.
  std::optional<std::string> form_compression;
  if (!StartsLikeJson(raw) && !HasGzipMagic(raw) && LooksLikeCaptureForm(raw)) {
    std::optional<std::string> data = FindFormField(raw, "data");
    if (!data) {
      return InvalidArgument("the form has no data field: send the events as data=<JSON>");
    }
    form_compression = FindFormField(raw, "compression");
    if (!StartsLikeJson(*data) && LooksLikeBase64(*data, true, true)) RestorePlusSigns(&*data);
    owned = std::move(*data);
    raw = owned;
  }

  // Layer 4: compression.
  std::string unknown_compression;
  Compression compression = ChooseCompression(query_compression, form_compression,
                                              request.content_encoding, &unknown_compression);
  if (!unknown_compression.empty() && compression == Compression::kNone && !StartsLikeJson(raw)) {
    return InvalidArgument(
        "unsupported compression '{}': send gzip, gzip-js, lz64 or base64, or plain JSON",
        unknown_compression);
  }
  if (compression == Compression::kGzip && !HasGzipMagic(raw) && !StartsLikeJson(raw) &&
      LooksLikeBase64(raw, true, true)) {
    // gzip wrapped in base64, as form fields carry binary.
    Result<std::string> decoded = DecodeBase64(raw);
    if (decoded.ok() && HasGzipMagic(*decoded)) {
      owned = std::move(decoded).value();
      raw = owned;
    }
  }
  if (HasGzipMagic(raw) || (compression == Compression::kGzip && !StartsLikeJson(raw))) {
    LARDER_ASSIGN_OR_RETURN(payload->storage, GunzipCapped(raw, max_bytes));
    payload->json = payload->storage;
  } else if (compression == Compression::kLzString && !StartsLikeJson(raw)) {
    LARDER_ASSIGN_OR_RETURN(payload->storage, DecompressLzStringBase64(raw, max_bytes));
    payload->json = payload->storage;
  } else {
    if (raw.size() > max_bytes) return PayloadTooLarge(raw.size(), max_bytes);
    if (raw.data() == owned.data()) {
      payload->storage = std::move(owned);
      payload->json = payload->storage;
    } else {
      payload->json = raw;  // The request's body itself.
    }
  }

  // Layer 5.
  return UnwrapLeftoverBase64(limits, compression, payload);
}

}  // namespace larder::analytics
