// SecretBox: authenticated encryption (AES-256-GCM, OpenSSL) of small secrets at rest, such as a
// source's credentials in the catalog. The key lives in the data directory, apart from the data.
//
// Sealed format: 1 byte version (1) | 12 bytes random nonce | ciphertext | 16 bytes GCM tag.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder {

class SecretBox {
 public:
  static constexpr size_t kKeyBytes = 32;
  using Key = std::array<uint8_t, kKeyBytes>;

  // A fresh random key (OpenSSL RAND_bytes).
  static Result<Key> NewKey();
  explicit SecretBox(const Key& key) : key_(key) {}

  // Encrypts `plaintext` with a fresh nonce; sealing the same text twice gives different bytes.
  Result<std::string> Seal(std::string_view plaintext) const;
  // Decrypts what Seal made with the same key; kCorruption when the bytes were changed, cut or
  // sealed with another key.
  Result<std::string> Open(std::string_view sealed) const;

 private:
  Key key_;
};

}  // namespace larder
