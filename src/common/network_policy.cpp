#include "common/network_policy.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <array>
#include <cstring>
#include <string>

namespace larder {
namespace {

bool IsNonPublicIpv4(const uint8_t* bytes) {
  const uint8_t a = bytes[0];
  const uint8_t b = bytes[1];
  return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) ||
         (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) ||
         (a == 100 && b >= 64 && b <= 127) || a >= 224;
}

bool IsNonPublicIpv6(const uint8_t* bytes) {
  static constexpr std::array<uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0,    0,
                                                            0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
    return IsNonPublicIpv4(bytes + 12);
  }
  bool leading_zeros = true;
  for (int i = 0; i < 15; ++i) leading_zeros = leading_zeros && bytes[i] == 0;
  if (leading_zeros && bytes[15] <= 1) return true;                // :: and ::1.
  if ((bytes[0] & 0xfe) == 0xfc) return true;                      // fc00::/7 unique local.
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return true;  // fe80::/10 link-local.
  return bytes[0] == 0xff;                                         // Multicast.
}

}  // namespace

bool IsNonPublicAddress(std::string_view address) {
  std::string text(address);
  uint8_t bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return IsNonPublicIpv4(bytes);
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return IsNonPublicIpv6(bytes);
  return false;
}

Status CheckPublicHost(std::string_view host) {
  std::string name(host);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int error = getaddrinfo(name.c_str(), nullptr, &hints, &found);
  if (error != 0) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("host {} does not resolve: {}", host, gai_strerror(error)));
  }
  Status verdict;
  for (addrinfo* entry = found; entry != nullptr && verdict.ok(); entry = entry->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        entry->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(entry->ai_addr)->sin_addr)
            : &reinterpret_cast<sockaddr_in6*>(entry->ai_addr)->sin6_addr;
    inet_ntop(entry->ai_family, raw, text, sizeof(text));
    if (IsNonPublicAddress(text)) {
      verdict = Status(StatusCode::kPermissionDenied,
                       fmt::format("host {} resolves to {}, a private or local address, which "
                                   "this server does not connect to (--deny-private-networks)",
                                   host, text));
    }
  }
  freeaddrinfo(found);
  return verdict;
}

}  // namespace larder
