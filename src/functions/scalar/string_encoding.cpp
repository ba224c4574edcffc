// Encodings: base64Encode, base64Decode (fails on input that is not base64), tryBase64Decode
// ('' instead), hex (uppercase; numbers as their bytes without leading zero bytes, as ClickHouse)
// and MD5 (the raw 16-byte digest, like ClickHouse's FixedString(16), so hex(MD5(s)) matches).
#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <memory>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexDigits[] = "0123456789ABCDEF";

void Base64Encode(std::string_view text, std::string* out) {
  out->clear();
  out->reserve((text.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto byte = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<uint8_t>(text[at]));
  };
  for (; i + 3 <= text.size(); i += 3) {
    uint32_t group = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6)
      out->push_back(kBase64Alphabet[(group >> shift) & 63]);
  }
  size_t left = text.size() - i;
  if (left == 0) return;
  uint32_t group = byte(i) << 16;
  if (left == 2) group |= byte(i + 1) << 8;
  out->push_back(kBase64Alphabet[(group >> 18) & 63]);
  out->push_back(kBase64Alphabet[(group >> 12) & 63]);
  out->push_back(left == 2 ? kBase64Alphabet[(group >> 6) & 63] : '=');
  out->push_back('=');
}

std::array<int8_t, 256> Base64Values() {
  std::array<int8_t, 256> values;
  values.fill(-1);
  for (size_t i = 0; i < kBase64Alphabet.size(); ++i) {
    values[static_cast<uint8_t>(kBase64Alphabet[i])] = static_cast<int8_t>(i);
  }
  return values;
}

// Decodes standard base64 with or without '=' padding; false on any other byte, on '=' before
// the end, or on a length that cannot come from base64 (1 mod 4).
bool Base64Decode(std::string_view text, const std::array<int8_t, 256>& values, std::string* out) {
  out->clear();
  size_t length = text.size();
  if (length % 4 == 0) {
    for (int pad = 0; pad < 2 && length > 0 && text[length - 1] == '='; ++pad) --length;
  }
  if (length % 4 == 1) return false;
  uint32_t group = 0;
  int bits = 0;
  for (size_t i = 0; i < length; ++i) {
    int8_t value = values[static_cast<uint8_t>(text[i])];
    if (value < 0) return false;
    group = (group << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((group >> bits) & 0xFF));
    }
  }
  return true;
}

Status Base64EncodeKernel(const KernelCall& call, ColumnVector* out) {
  StringToString(call.args[0], call.rows, out, [](std::string_view text, std::string* scratch) {
    Base64Encode(text, scratch);
    return std::string_view(*scratch);
  });
  return Status::OK();
}

ScalarKernel Base64DecodeKernel(bool fail_on_invalid) {
  return [fail_on_invalid](const KernelCall& call, ColumnVector* out) -> Status {
    const std::array<int8_t, 256> values = Base64Values();
    std::string scratch;
    for (size_t row = 0; row < call.rows; ++row) {
      if (IsNullAt(call.args[0], row)) {
        out->AppendString({});
        continue;
      }
      std::string_view text = call.args[0].GetString(row);
      if (!Base64Decode(text, values, &scratch)) {
        if (fail_on_invalid) {
          return BadValue("base64Decode",
                          "\"{}\" is not valid base64; use tryBase64Decode to get '' instead",
                          text.substr(0, 64));
        }
        scratch.clear();
      }
      out->AppendString(scratch);
    }
    return Status::OK();
  };
}

void AppendHexByte(uint8_t byte, std::string* out) {
  out->push_back(kHexDigits[byte >> 4]);
  out->push_back(kHexDigits[byte & 15]);
}

// An unsigned number's bytes, most significant first, without leading zero bytes ("00" for 0).
void AppendHexNumber(uint64_t value, std::string* out) {
  int top = 7;
  while (top > 0 && ((value >> (top * 8)) & 0xFF) == 0) --top;
  for (int i = top; i >= 0; --i) AppendHexByte(static_cast<uint8_t>(value >> (i * 8)), out);
}

// The hex text of row `row` of `arg` (not NULL there).
void AppendHex(const KernelArg& arg, size_t row, std::string* out) {
  switch (arg.type().id()) {
    case TypeId::kBool:
      return AppendHexNumber(arg.Get<uint8_t>(row), out);
    case TypeId::kInt64:
      return AppendHexNumber(static_cast<uint64_t>(arg.Get<int64_t>(row)), out);
    case TypeId::kDate:  // ClickHouse's Date is a UInt16 of days.
      return AppendHexNumber(static_cast<uint16_t>(arg.Get<int32_t>(row)), out);
    case TypeId::kDateTime: {  // ClickHouse's DateTime is a UInt32 of seconds.
      int64_t micros = arg.Get<int64_t>(row);
      int64_t seconds = micros / 1'000'000 - (micros % 1'000'000 < 0 ? 1 : 0);
      return AppendHexNumber(static_cast<uint32_t>(seconds), out);
    }
    case TypeId::kFloat64: {  // The IEEE 754 bytes in memory (little-endian) order.
      double value = arg.Get<double>(row);
      uint8_t bytes[8];
      std::memcpy(bytes, &value, 8);
      for (uint8_t byte : bytes) AppendHexByte(byte, out);
      return;
    }
    case TypeId::kUuid: {
      Uuid128 uuid = arg.Get<Uuid128>(row);
      for (int i = 7; i >= 0; --i) AppendHexByte(static_cast<uint8_t>(uuid.high >> (i * 8)), out);
      for (int i = 7; i >= 0; --i) AppendHexByte(static_cast<uint8_t>(uuid.low >> (i * 8)), out);
      return;
    }
    default:
      for (char c : arg.GetString(row)) AppendHexByte(static_cast<uint8_t>(c), out);
      return;
  }
}

Status Hex(const KernelCall& call, ColumnVector* out) {
  std::string scratch;
  for (size_t row = 0; row < call.rows; ++row) {
    scratch.clear();
    if (!IsNullAt(call.args[0], row)) AppendHex(call.args[0], row, &scratch);
    out->AppendString(scratch);
  }
  return Status::OK();
}

Result<LogicalType> HexType(const std::vector<LogicalType>& args) {
  TypeId id = args[0].id();
  if (id == TypeId::kDecimal || id == TypeId::kArray || id == TypeId::kInterval) {
    return InvalidArgument("cannot take hex of {}; convert it with toString first",
                           args[0].ToString());
  }
  return kString.WithNullable(args[0].nullable());
}

Status Md5(const KernelCall& call, ColumnVector* out) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context) return ResourceExhausted("MD5: cannot allocate a digest context");
  unsigned char digest[EVP_MAX_MD_SIZE];
  Status status = Status::OK();
  ForEachString(call.args[0], call.rows, [&](size_t, std::string_view text) {
    unsigned int size = 0;
    if (EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest, &size) != 1) {
      status = Internal("MD5: OpenSSL failed to compute a digest");
      size = 0;
    }
    out->AppendString(std::string_view(reinterpret_cast<const char*>(digest), size));
  });
  return status;
}

}  // namespace

void RegisterStringEncodings(FunctionRegistry* r) {
  ReturnTypeRule text = Checked({ArgKind::kText}, Propagating(kString));
  Scalar(r, "base64Encode", 1, 1, text, Base64EncodeKernel);
  Scalar(r, "base64Decode", 1, 1, text, Base64DecodeKernel(true));
  Scalar(r, "tryBase64Decode", 1, 1, text, Base64DecodeKernel(false));
  Scalar(r, "hex", 1, 1, HexType, Hex);
  Scalar(r, "MD5", 1, 1, text, Md5);
}

}  // namespace larder::functions
