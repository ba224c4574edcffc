#include "common/secret_box.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace larder {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext NewContext() { return CipherContext(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free); }

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

Result<SecretBox::Key> SecretBox::NewKey() {
  Key key;
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return Internal("the random number generator is not seeded");
  }
  return key;
}

Result<std::string> SecretBox::Seal(std::string_view plaintext) const {
  std::string sealed(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = kVersion;
  if (RAND_bytes(out + 1, kNonceBytes) != 1) return Internal("cannot draw a nonce");
  CipherContext context = NewContext();
  int length = 0;
  if (!context ||
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key_.data(), out + 1) != 1 ||
      EVP_EncryptUpdate(context.get(), out + 1 + kNonceBytes, &length, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), out + 1 + kNonceBytes + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          out + 1 + kNonceBytes + plaintext.size()) != 1) {
    return Internal("encryption failed");
  }
  return sealed;
}

Result<std::string> SecretBox::Open(std::string_view sealed) const {
  if (sealed.size() < 1 + kNonceBytes + kTagBytes || static_cast<uint8_t>(sealed[0]) != kVersion) {
    return Corruption("a sealed secret is malformed ({} bytes)", sealed.size());
  }
  const size_t text_bytes = sealed.size() - 1 - kNonceBytes - kTagBytes;
  std::string plaintext(text_bytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  const unsigned char* in = Bytes(sealed);
  std::string tag(sealed.substr(1 + kNonceBytes + text_bytes));
  CipherContext context = NewContext();
  int length = 0;
  if (!context ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key_.data(), in + 1) != 1 ||
      EVP_DecryptUpdate(context.get(), out, &length, in + 1 + kNonceBytes,
                        static_cast<int>(text_bytes)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(context.get(), out + length, &length) != 1) {
    return Corruption(
        "a sealed secret does not decrypt: it was changed or sealed with another key");
  }
  return plaintext;
}

}  // namespace larder
