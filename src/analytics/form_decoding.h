// The text wrappers capture payloads arrive in: URL query strings and urlencoded forms
// (data=…&compression=…) and base64, decoded as leniently as PostHog's SDKs need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::analytics {

// Decodes %XX escapes, and '+' as a space (form encoding). A '%' not followed by two hex digits
// stays as it is.
std::string DecodeFormComponent(std::string_view text);

// The decoded value of the first field named `name` in the urlencoded `form` ("a=1&b=2"), or
// nullopt when there is none. A field without '=' has the empty value.
std::optional<std::string> FindFormField(std::string_view form, std::string_view name);

// True when `payload` reads as a urlencoded form of capture fields: it starts with, or has
// after a '&' within its first 128 bytes, one of data=, compression=, ver=, _=, ip=.
bool LooksLikeCaptureForm(std::string_view payload);

// True when `text` is non-empty, its first 128 bytes are base64 characters (either alphabet,
// '=' padding, plus ASCII whitespace when `allow_spaces`) and, unless `allow_unpadded`, its length
// without whitespace is a multiple of four. A cheap test, as PostHog's capture makes it, before
// trying to decode.
bool LooksLikeBase64(std::string_view text, bool allow_spaces, bool allow_unpadded);

// Decodes base64 in the standard or the URL-safe alphabet (even mixed), with or without '='
// padding, skipping ASCII whitespace. Fails with kInvalidArgument on any other character or a
// length no encoder produces.
Result<std::string> DecodeBase64(std::string_view text);

}  // namespace larder::analytics
