#include "common/coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace larder {
namespace {

std::string Encode(const std::function<void(BinaryWriter*)>& write) {
  std::string out;
  BinaryWriter writer(&out);
  write(&writer);
  EXPECT_EQ(writer.size(), out.size());
  return out;
}

// A heap copy of exactly `bytes.size()` bytes, so that a read past the end is caught by
// AddressSanitizer (a std::string has spare capacity after its last byte).
class ExactBuffer {
 public:
  explicit ExactBuffer(std::string_view bytes)
      : data_(new char[bytes.size()]), size_(bytes.size()) {
    if (!bytes.empty()) std::memcpy(data_.get(), bytes.data(), bytes.size());
  }
  std::string_view view() const { return std::string_view(data_.get(), size_); }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

TEST(BinaryWriter, FixedWidthIntegersAreLittleEndian) {
  struct Case {
    std::string name;
    std::function<void(BinaryWriter*)> write;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"byte", [](BinaryWriter* w) { w->PutByte(0xab); }, "\xab"},
      {"fixed32", [](BinaryWriter* w) { w->PutFixed32(0x01020304); }, "\x04\x03\x02\x01"},
      {"fixed64", [](BinaryWriter* w) { w->PutFixed64(0x0102030405060708ULL); },
       "\x08\x07\x06\x05\x04\x03\x02\x01"},
      {"fixed32 max", [](BinaryWriter* w) { w->PutFixed32(UINT32_MAX); }, "\xff\xff\xff\xff"},
      {"raw", [](BinaryWriter* w) { w->PutRaw("xyz"); }, "xyz"},
  };
  for (const Case& test : cases) EXPECT_EQ(Encode(test.write), test.expected) << test.name;
}

TEST(BinaryCoding, FixedWidthIntegersRoundTrip) {
  std::vector<uint64_t> values = {0,         1, 0xff, 0x100, UINT32_MAX, uint64_t{UINT32_MAX} + 1,
                                  UINT64_MAX};
  for (uint64_t value : values) {
    std::string bytes = Encode([&](BinaryWriter* w) {
      w->PutByte(static_cast<uint8_t>(value));
      w->PutFixed32(static_cast<uint32_t>(value));
      w->PutFixed64(value);
    });
    ASSERT_EQ(bytes.size(), 13u);
    BinaryReader reader(bytes, "test");
    uint8_t byte = 0;
    uint32_t fixed32 = 0;
    uint64_t fixed64 = 0;
    ASSERT_TRUE(reader.GetByte(&byte).ok());
    ASSERT_TRUE(reader.GetFixed32(&fixed32).ok());
    ASSERT_TRUE(reader.GetFixed64(&fixed64).ok());
    EXPECT_EQ(byte, static_cast<uint8_t>(value));
    EXPECT_EQ(fixed32, static_cast<uint32_t>(value));
    EXPECT_EQ(fixed64, value);
    EXPECT_EQ(reader.remaining(), 0u);
    EXPECT_EQ(reader.position(), 13u);
  }
}

TEST(BinaryCoding, VarintsUseLeb128AndRoundTrip) {
  struct Case {
    uint64_t value;
    std::string encoded;
  };
  std::vector<Case> cases = {
      {0, std::string(1, '\0')},
      {1, "\x01"},
      {127, "\x7f"},
      {128, "\x80\x01"},
      {300, "\xac\x02"},
      {16383, "\xff\x7f"},
      {16384, "\x80\x80\x01"},
      {UINT32_MAX, "\xff\xff\xff\xff\x0f"},
      {uint64_t{1} << 63, "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"},
      {UINT64_MAX, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"},
  };
  for (const Case& test : cases) {
    std::string bytes = Encode([&](BinaryWriter* w) { w->PutVarint(test.value); });
    EXPECT_EQ(bytes, test.encoded) << test.value;
    BinaryReader reader(bytes, "test");
    uint64_t decoded = 0;
    ASSERT_TRUE(reader.GetVarint(&decoded).ok()) << test.value;
    EXPECT_EQ(decoded, test.value);
    EXPECT_EQ(reader.remaining(), 0u) << test.value;
  }
}

TEST(BinaryCoding, SignedVarintsUseZigzagAndRoundTrip) {
  struct Case {
    int64_t value;
    size_t encoded_size;
  };
  std::vector<Case> cases = {
      {0, 1},
      {-1, 1},
      {1, 1},
      {-64, 1},
      {63, 1},
      {64, 2},
      {-65, 2},
      {1000000, 3},
      {-1000000, 3},
      {INT32_MIN, 5},
      {INT32_MAX, 5},
      {INT64_MAX, 10},
      {INT64_MIN, 10},
      {INT64_MIN + 1, 10},
      {INT64_MAX - 1, 10},
  };
  for (const Case& test : cases) {
    std::string bytes = Encode([&](BinaryWriter* w) { w->PutSignedVarint(test.value); });
    EXPECT_EQ(bytes.size(), test.encoded_size) << test.value;
    BinaryReader reader(bytes, "test");
    int64_t decoded = 0;
    ASSERT_TRUE(reader.GetSignedVarint(&decoded).ok()) << test.value;
    EXPECT_EQ(decoded, test.value);
    EXPECT_EQ(reader.remaining(), 0u) << test.value;
  }
}

TEST(BinaryCoding, BytesAreLengthPrefixedAndRoundTrip) {
  std::vector<std::string> cases = {
      "",
      "a",
      std::string("with\0nul", 8),
      std::string(127, 'x'),
      std::string(128, 'y'),  // Two-byte length prefix.
      std::string(70000, 'z'),
  };
  for (const std::string& test : cases) {
    std::string bytes = Encode([&](BinaryWriter* w) {
      w->PutBytes(test);
      w->PutBytes(test);
    });
    size_t prefix = test.size() < 128 ? 1 : (test.size() < 16384 ? 2 : 3);
    EXPECT_EQ(bytes.size(), 2 * (prefix + test.size())) << test.size();
    BinaryReader reader(bytes, "test");
    std::string_view view;
    std::string copy;
    ASSERT_TRUE(reader.GetBytes(&view).ok()) << test.size();
    ASSERT_TRUE(reader.GetString(&copy).ok()) << test.size();
    EXPECT_EQ(view, test);
    EXPECT_EQ(copy, test);
    EXPECT_EQ(reader.remaining(), 0u);
  }
}

TEST(BinaryCoding, MixedRecordRoundTrip) {
  std::string bytes = Encode([](BinaryWriter* w) {
    w->PutByte(7);
    w->PutVarint(123456789);
    w->PutBytes("events");
    w->PutSignedVarint(-42);
    w->PutFixed64(0xdeadbeefcafef00dULL);
    w->PutRaw("end");
  });
  BinaryReader reader(bytes, "manifest");
  uint8_t byte;
  uint64_t varint, fixed;
  std::string name;
  int64_t signed_value;
  std::string_view raw;
  ASSERT_TRUE(reader.GetByte(&byte).ok());
  ASSERT_TRUE(reader.GetVarint(&varint).ok());
  ASSERT_TRUE(reader.GetString(&name).ok());
  ASSERT_TRUE(reader.GetSignedVarint(&signed_value).ok());
  ASSERT_TRUE(reader.GetFixed64(&fixed).ok());
  ASSERT_TRUE(reader.GetRaw(3, &raw).ok());
  EXPECT_EQ(byte, 7);
  EXPECT_EQ(varint, 123456789u);
  EXPECT_EQ(name, "events");
  EXPECT_EQ(signed_value, -42);
  EXPECT_EQ(fixed, 0xdeadbeefcafef00dULL);
  EXPECT_EQ(raw, "end");
  EXPECT_EQ(reader.remaining(), 0u);
  EXPECT_EQ(reader.what(), "manifest");

  uint8_t past_end;
  Status status = reader.GetByte(&past_end);
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
}

// One getter applied to input that a matching Put* wrote completely.
struct GetterCase {
  std::string name;
  std::string complete;
  std::function<Status(BinaryReader*)> get;
};

std::vector<GetterCase> AllGetters() {
  return {
      {"GetByte", Encode([](BinaryWriter* w) { w->PutByte(9); }),
       [](BinaryReader* r) {
         uint8_t v;
         return r->GetByte(&v);
       }},
      {"GetFixed32", Encode([](BinaryWriter* w) { w->PutFixed32(0x12345678); }),
       [](BinaryReader* r) {
         uint32_t v;
         return r->GetFixed32(&v);
       }},
      {"GetFixed64", Encode([](BinaryWriter* w) { w->PutFixed64(UINT64_MAX); }),
       [](BinaryReader* r) {
         uint64_t v;
         return r->GetFixed64(&v);
       }},
      {"GetVarint", Encode([](BinaryWriter* w) { w->PutVarint(UINT64_MAX); }),
       [](BinaryReader* r) {
         uint64_t v;
         return r->GetVarint(&v);
       }},
      {"GetSignedVarint", Encode([](BinaryWriter* w) { w->PutSignedVarint(INT64_MIN); }),
       [](BinaryReader* r) {
         int64_t v;
         return r->GetSignedVarint(&v);
       }},
      {"GetBytes", Encode([](BinaryWriter* w) { w->PutBytes(std::string(200, 'b')); }),
       [](BinaryReader* r) {
         std::string_view v;
         return r->GetBytes(&v);
       }},
      {"GetString", Encode([](BinaryWriter* w) { w->PutBytes("hello"); }),
       [](BinaryReader* r) {
         std::string v;
         return r->GetString(&v);
       }},
      {"GetRaw", "0123456789",
       [](BinaryReader* r) {
         std::string_view v;
         return r->GetRaw(10, &v);
       }},
      {"GetBoundedVarint", Encode([](BinaryWriter* w) { w->PutVarint(1000); }),
       [](BinaryReader* r) {
         uint64_t v;
         return r->GetBoundedVarint(1001, &v);
       }},
  };
}

TEST(BinaryReader, EveryGetterFailsOnTruncatedInputWithCorruptionNamingWhat) {
  for (const GetterCase& test : AllGetters()) {
    {
      ExactBuffer buffer(test.complete);
      BinaryReader reader(buffer.view(), "part-9/events.col");
      EXPECT_TRUE(test.get(&reader).ok()) << test.name << " on complete input";
      EXPECT_EQ(reader.remaining(), 0u) << test.name;
    }
    for (size_t cut = 0; cut < test.complete.size(); ++cut) {
      ExactBuffer buffer(std::string_view(test.complete).substr(0, cut));
      BinaryReader reader(buffer.view(), "part-9/events.col");
      Status status = test.get(&reader);
      EXPECT_EQ(status.code(), StatusCode::kCorruption) << test.name << " cut at " << cut;
      EXPECT_NE(status.message().find("part-9/events.col"), std::string::npos)
          << test.name << ": " << status.ToString();
      EXPECT_LE(reader.position(), cut) << test.name;
    }
  }
}

TEST(BinaryReader, MalformedInputIsCorruptionNamingWhat) {
  struct Case {
    std::string name;
    std::string bytes;
    std::function<Status(BinaryReader*)> get;
    std::string message_part;
  };
  auto get_varint = [](BinaryReader* r) {
    uint64_t v;
    return r->GetVarint(&v);
  };
  auto get_bytes = [](BinaryReader* r) {
    std::string_view v;
    return r->GetBytes(&v);
  };
  std::vector<Case> cases = {
      {"varint longer than 10 bytes", std::string(10, '\x80') + "\x01", get_varint,
       "malformed varint"},
      {"varint of 11 bytes of 0xff", std::string(11, '\xff'), get_varint, "malformed varint"},
      {"varint whose 10th byte overflows 64 bits", std::string(9, '\xff') + "\x02", get_varint,
       "malformed varint"},
      {"varint whose 10th byte overflows 64 bits and ends", std::string(9, '\x80') + "\x7f",
       get_varint, "malformed varint"},
      {"bytes longer than the input",
       "\x05"
       "abc",
       get_bytes, "truncated"},
      {"bytes with a 2^64-1 length", std::string(9, '\xff') + "\x01" + "abc", get_bytes,
       "truncated"},
      {"raw longer than the input", "abc",
       [](BinaryReader* r) {
         std::string_view v;
         return r->GetRaw(UINT64_MAX, &v);
       },
       "truncated"},
      {"bounded varint at its limit", "\x0a",
       [](BinaryReader* r) {
         uint64_t v;
         return r->GetBoundedVarint(10, &v);
       },
       "out of range"},
      {"bounded varint far past its limit", Encode([](BinaryWriter* w) { w->PutVarint(1 << 30); }),
       [](BinaryReader* r) {
         uint64_t v;
         return r->GetBoundedVarint(5, &v);
       },
       "out of range"},
  };
  for (const Case& test : cases) {
    ExactBuffer buffer(test.bytes);
    BinaryReader reader(buffer.view(), "wal-000012.log");
    Status status = test.get(&reader);
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << test.name;
    EXPECT_NE(status.message().find("wal-000012.log"), std::string::npos)
        << test.name << ": " << status.ToString();
    EXPECT_NE(status.message().find(test.message_part), std::string::npos)
        << test.name << ": " << status.ToString();
  }
}

TEST(BinaryReader, BoundedVarintAcceptsValuesBelowTheLimit) {
  std::string bytes = Encode([](BinaryWriter* w) {
    w->PutVarint(0);
    w->PutVarint(9);
  });
  BinaryReader reader(bytes, "test");
  uint64_t v = 99;
  ASSERT_TRUE(reader.GetBoundedVarint(10, &v).ok());
  EXPECT_EQ(v, 0u);
  ASSERT_TRUE(reader.GetBoundedVarint(10, &v).ok());
  EXPECT_EQ(v, 9u);
}

TEST(BinaryReader, ZeroLengthReadsSucceedOnEmptyInput) {
  BinaryReader reader(std::string_view(), "empty");
  std::string_view raw = "unchanged";
  ASSERT_TRUE(reader.GetRaw(0, &raw).ok());
  EXPECT_EQ(raw, "");
  EXPECT_EQ(reader.remaining(), 0u);
}

}  // namespace
}  // namespace larder
