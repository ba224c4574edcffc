#include "catalog/secrets.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <vector>

#include "common/hex.h"

namespace larder::catalog {
namespace {

// 64 symbols, so `byte % 64` maps the 256 byte values onto them uniformly.
constexpr std::string_view kUrlSafeAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static_assert(kUrlSafeAlphabet.size() == 64);

bool IsUrlSafe(char c) { return kUrlSafeAlphabet.find(c) != std::string_view::npos; }

}  // namespace

Result<std::string> RandomToken(std::string_view prefix, size_t n_chars) {
  if (n_chars > INT_MAX)
    return InvalidArgument("random token of {} characters is too long", n_chars);
  std::vector<unsigned char> bytes(n_chars);
  if (n_chars > 0 && RAND_bytes(bytes.data(), static_cast<int>(n_chars)) != 1) {
    return Internal("OpenSSL RAND_bytes failed: the random generator is not seeded");
  }
  std::string token(prefix);
  token.reserve(prefix.size() + n_chars);
  for (unsigned char byte : bytes) token += kUrlSafeAlphabet[byte % kUrlSafeAlphabet.size()];
  return token;
}

bool HasTokenFormat(std::string_view token, std::string_view prefix, size_t n_chars) {
  if (token.size() != prefix.size() + n_chars || !token.starts_with(prefix)) return false;
  return std::all_of(token.begin() + prefix.size(), token.end(), IsUrlSafe);
}

Result<std::string> Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &digest_size, EVP_sha256(), nullptr) != 1) {
    return Internal("OpenSSL EVP_Digest(SHA-256) failed");
  }
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), digest_size));
}

}  // namespace larder::catalog
