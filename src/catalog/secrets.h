// Secrets for the catalog: random tokens for project API tokens and personal API keys, and the
// SHA-256 digests under which personal API keys are stored. Backed by OpenSSL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::catalog {

// Project API tokens: "phc_" + 43 url-safe characters. Public: they identify a project to the
// event ingestion endpoint and are stored in plain text.
inline constexpr std::string_view kProjectTokenPrefix = "phc_";
inline constexpr size_t kProjectTokenChars = 43;

// Personal API keys: "phx_" + 47 url-safe characters. Secret: only their SHA-256 is stored.
inline constexpr std::string_view kPersonalApiKeyPrefix = "phx_";
inline constexpr size_t kPersonalApiKeyChars = 47;

// `prefix` followed by `n_chars` characters drawn uniformly from [A-Za-z0-9_-] using OpenSSL's
// RAND_bytes (6 bits of entropy each). Fails with kInternal if the generator is not seeded.
Result<std::string> RandomToken(std::string_view prefix, size_t n_chars);

// True if `token` is `prefix` followed by exactly `n_chars` characters of [A-Za-z0-9_-].
bool HasTokenFormat(std::string_view token, std::string_view prefix, size_t n_chars);

// The SHA-256 of `data` as 64 lower-case hex digits.
Result<std::string> Sha256Hex(std::string_view data);

}  // namespace larder::catalog
