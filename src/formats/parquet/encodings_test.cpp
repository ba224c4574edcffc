// The encodings of Encodings.md, from byte sequences written out by hand (the spec's own examples
// where it gives them).
#include <gtest/gtest.h>

#include "formats/parquet/delta_encoding.h"
#include "formats/parquet/page_values.h"
#include "formats/parquet/parquet_test_file.h"
#include "formats/parquet/rle_bit_packed.h"

namespace larder::formats::parquet {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST(RleBitPackedTest, SpecExamplesOfBitPacking) {
  // Encodings.md: 0..7 with bit width 3 pack LSB first as 10001000 11000110 11111010.
  const std::string packed = Bytes({0x88, 0xc6, 0xfa});
  std::vector<uint32_t> values(8);
  UnpackBits(reinterpret_cast<const uint8_t*>(packed.data()), 3, 3, 0, 8, values.data());
  EXPECT_EQ(values, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  // The deprecated BIT_PACKED: MSB first, 00000101 00111001 01110111.
  std::vector<uint8_t> levels(8);
  size_t used = 0;
  ASSERT_TRUE(DecodeLegacyBitPacked(Bytes({0x05, 0x39, 0x77}), 3, 8, levels.data(), &used).ok());
  EXPECT_EQ(levels, (std::vector<uint8_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(used, 3u);
}

TEST(RleBitPackedTest, DecodesRunsInCallsOfAnySize) {
  // An RLE run of 10 × 5 (header 10 << 1), then one bit-packed group of 0..7 (header 1 << 1 | 1).
  const std::string data = Bytes({0x14, 0x05, 0x03, 0x88, 0xc6, 0xfa});
  RleBitPackedDecoder decoder(data, 3);
  std::vector<uint32_t> values(18);
  ASSERT_TRUE(decoder.Get(values.data(), 4).ok());
  ASSERT_TRUE(decoder.Get(values.data() + 4, 9).ok());
  ASSERT_TRUE(decoder.Get(values.data() + 13, 5).ok());
  EXPECT_EQ(values, (std::vector<uint32_t>{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7}));
  uint32_t more;
  EXPECT_EQ(decoder.Get(&more, 1).code(), StatusCode::kCorruption);
}

TEST(RleBitPackedTest, WideValuesAndTruncatedRuns) {
  // Bit width 17: an RLE value takes 3 bytes.
  const std::string wide_data = Bytes({0x04, 0x01, 0x00, 0x01});
  RleBitPackedDecoder wide(wide_data, 17);
  std::vector<uint32_t> values(2);
  ASSERT_TRUE(wide.Get(values.data(), 2).ok());
  EXPECT_EQ(values, (std::vector<uint32_t>{65537, 65537}));
  // A run value cut short, a header without its bytes, a header that never ends.
  for (const std::string& bad : {Bytes({0x04, 0x01}), Bytes({0x03}), Bytes({0x80, 0x80})}) {
    RleBitPackedDecoder decoder(bad, 17);
    EXPECT_EQ(decoder.Get(values.data(), 1).code(), StatusCode::kCorruption);
  }
  // A bit-packed run claiming 2^40 groups yields only what the data holds.
  const std::string huge_data = Bytes({0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0xff});
  RleBitPackedDecoder huge(huge_data, 1);
  std::vector<uint8_t> bits(9);
  ASSERT_TRUE(huge.Get(bits.data(), 8).ok());
  EXPECT_EQ(bits[7], 1);
  EXPECT_EQ(huge.Get(bits.data(), 1).code(), StatusCode::kCorruption);
}

TEST(RleBitPackedTest, RoundTripsTheTestEncoder) {
  std::vector<uint32_t> levels;
  for (int i = 0; i < 1000; ++i) levels.push_back(i % 7 == 0 ? 0 : (i / 50) % 2 + 1);
  const std::string data = testing::RleHybrid(levels, 2);
  RleBitPackedDecoder decoder(data, 2);
  std::vector<uint8_t> decoded(levels.size());
  for (size_t at = 0; at < levels.size(); at += 33) {
    ASSERT_TRUE(decoder.Get(decoded.data() + at, std::min<size_t>(33, levels.size() - at)).ok());
  }
  EXPECT_EQ(std::vector<uint32_t>(decoded.begin(), decoded.end()), levels);
}

TEST(DeltaBinaryPackedTest, SpecExamples) {
  // Example 1: 1, 2, 3, 4, 5 — block size 8, 1 miniblock, 5 values, first 1 (zigzag 2); min delta
  // 1 (zigzag 2), bit width 0.
  DeltaBinaryPackedDecoder one;
  const std::string first = Bytes({8, 1, 5, 2, 2, 0});
  ASSERT_TRUE(one.Init(first).ok());
  std::vector<int32_t> values(5);
  ASSERT_TRUE(one.Get(values.data(), 5).ok());
  EXPECT_EQ(values, (std::vector<int32_t>{1, 2, 3, 4, 5}));
  // Example 2: 7, 5, 3, 1, 2, 3, 4, 5 — min delta -2 (zigzag 3), bit width 2, relative deltas
  // 0 0 0 3 3 3 3 (and padding) packed LSB first.
  DeltaBinaryPackedDecoder two;
  const std::string second = Bytes({8, 1, 8, 14, 3, 2, 0xc0, 0x3f});
  ASSERT_TRUE(two.Init(second).ok());
  std::vector<int64_t> longs(8);
  ASSERT_TRUE(two.Get(longs.data(), 3).ok());
  ASSERT_TRUE(two.Get(longs.data() + 3, 5).ok());
  EXPECT_EQ(longs, (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  auto end = DeltaBinaryPackedDecoder(two).Finish();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, second.size());
}

TEST(DeltaBinaryPackedTest, WrapsAroundAndFindsTheEnd) {
  // INT64_MAX then INT64_MIN: a delta of 1 that wraps (first value zigzag of INT64_MAX).
  std::string data = Bytes({8, 1, 2});
  testing::ThriftWriter varints;
  varints.ZigZag(INT64_MAX);
  varints.ZigZag(1);  // The min delta: INT64_MAX + 1 wraps to INT64_MIN.
  data += varints.bytes() + Bytes({0}) + "tail";
  DeltaBinaryPackedDecoder decoder;
  ASSERT_TRUE(decoder.Init(data).ok());
  std::vector<int64_t> values(2);
  ASSERT_TRUE(decoder.Get(values.data(), 2).ok());
  EXPECT_EQ(values, (std::vector<int64_t>{INT64_MAX, INT64_MIN}));
  auto end = decoder.Finish();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(data.substr(*end), "tail");
}

TEST(DeltaBinaryPackedTest, RejectsBadHeadersAndShortData) {
  DeltaBinaryPackedDecoder decoder;
  EXPECT_EQ(decoder.Init(Bytes({8, 0, 1, 0})).code(), StatusCode::kCorruption);  // 0 miniblocks
  EXPECT_EQ(decoder.Init(Bytes({8, 3, 1, 0})).code(), StatusCode::kCorruption);  // 8 % 3
  EXPECT_EQ(decoder.Init(Bytes({8, 1})).code(), StatusCode::kCorruption);        // truncated
  // Bit width 8 for 8 values needs 8 bytes; 2 are there.
  const std::string short_miniblock = Bytes({8, 1, 9, 0, 0, 8, 1, 2});
  ASSERT_TRUE(decoder.Init(short_miniblock).ok());
  std::vector<int32_t> values(9);
  EXPECT_EQ(decoder.Get(values.data(), 9).code(), StatusCode::kCorruption);
  // More values than the header's count.
  const std::string one_value = Bytes({8, 1, 1, 0});
  ASSERT_TRUE(decoder.Init(one_value).ok());
  EXPECT_EQ(decoder.Get(values.data(), 2).code(), StatusCode::kCorruption);
}

// DELTA_BINARY_PACKED of small values (deltas within 64 of each other) with block size 8 and
// one miniblock of width 8.
std::string DeltaOf(const std::vector<int>& values) {
  testing::ThriftWriter out;  // For its varints.
  out.Varint(8);
  out.Varint(1);
  out.Varint(values.size());
  out.ZigZag(values.empty() ? 0 : values[0]);
  for (size_t at = 1; at < values.size(); at += 8) {
    int min_delta = INT32_MAX;
    for (size_t i = at; i < std::min(at + 8, values.size()); ++i) {
      min_delta = std::min(min_delta, values[i] - values[i - 1]);
    }
    out.ZigZag(min_delta);
    out.bytes().push_back(8);
    for (size_t i = at; i < at + 8; ++i) {
      const int delta = i < values.size() ? values[i] - values[i - 1] - min_delta : 0;
      out.bytes().push_back(static_cast<char>(delta));
    }
  }
  return out.bytes();
}

TEST(DeltaByteArrayTest, LengthAndPrefixEncodings) {
  // DELTA_LENGTH_BYTE_ARRAY of "Hello", "World", "Foobar", "ABCDEF" (Encodings.md).
  DeltaLengthByteArrayDecoder lengths;
  const std::string length_data = DeltaOf({5, 5, 6, 6}) + "HelloWorldFoobarABCDEF";
  ASSERT_TRUE(lengths.Init(length_data).ok());
  std::vector<std::string_view> views;
  ASSERT_TRUE(lengths.Get(3, &views).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"Hello", "World", "Foobar"}));
  ASSERT_TRUE(lengths.Get(1, &views).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"ABCDEF"}));

  // DELTA_BYTE_ARRAY of "axis", "axle", "babble", "babyhood": prefixes 0 2 0 3, suffixes "axis",
  // "le", "babble", "yhood".
  DeltaByteArrayDecoder strings;
  const std::string data = DeltaOf({0, 2, 0, 3}) + DeltaOf({4, 2, 6, 5}) + "axislebabbleyhood";
  ASSERT_TRUE(strings.Init(data).ok());
  ASSERT_TRUE(strings.Get(2, &views, 1 << 20).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"axis", "axle"}));
  ASSERT_TRUE(strings.Get(2, &views, 1 << 20).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"babble", "babyhood"}));
}

TEST(DeltaByteArrayTest, RejectsPrefixesLongerThanThePreviousValue) {
  DeltaByteArrayDecoder strings;
  const std::string data = DeltaOf({3}) + DeltaOf({1}) + "x";
  ASSERT_TRUE(strings.Init(data).ok());
  std::vector<std::string_view> views;
  EXPECT_EQ(strings.Get(1, &views, 1 << 20).code(), StatusCode::kCorruption);
  DeltaLengthByteArrayDecoder lengths;
  const std::string long_length = DeltaOf({50}) + "short";
  ASSERT_TRUE(lengths.Init(long_length).ok());
  EXPECT_EQ(lengths.Get(1, &views).code(), StatusCode::kCorruption);
}

TEST(PageValueDecoderTest, PlainValuesOfEachPhysicalType) {
  PageValueDecoder decoder;
  const std::string bits = Bytes({0x05, 0x01});
  ASSERT_TRUE(decoder.Init(Encoding::kPlain, PhysicalType::kBoolean, 0, bits).ok());
  std::vector<uint8_t> bools(9);
  ASSERT_TRUE(decoder.GetBools(bools.data(), 9).ok());
  EXPECT_EQ(bools, (std::vector<uint8_t>{1, 0, 1, 0, 0, 0, 0, 0, 1}));

  const std::string plain_doubles = testing::Plain<double>({1.5, -2});
  ASSERT_TRUE(decoder.Init(Encoding::kPlain, PhysicalType::kDouble, 0, plain_doubles).ok());
  std::vector<double> doubles(2);
  ASSERT_TRUE(decoder.GetDouble(doubles.data(), 2).ok());
  EXPECT_EQ(doubles, (std::vector<double>{1.5, -2}));
  EXPECT_EQ(decoder.GetDouble(doubles.data(), 1).code(), StatusCode::kCorruption);

  const std::string arrays = testing::PlainByteArrays({"", "ab", "xyz"});
  ASSERT_TRUE(decoder.Init(Encoding::kPlain, PhysicalType::kByteArray, 0, arrays).ok());
  std::vector<std::string_view> views;
  ASSERT_TRUE(decoder.GetBytes(3, &views, 1 << 20).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"", "ab", "xyz"}));

  ASSERT_TRUE(decoder.Init(Encoding::kPlain, PhysicalType::kFixedLenByteArray, 2, "abcdef").ok());
  ASSERT_TRUE(decoder.GetBytes(3, &views, 1 << 20).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"ab", "cd", "ef"}));
}

TEST(PageValueDecoderTest, ByteStreamSplit) {
  // Floats 1.0 (00 00 80 3f) and 2.0 (00 00 00 40) as four streams of two bytes.
  PageValueDecoder decoder;
  const std::string streams = Bytes({0, 0, 0, 0, 0x80, 0, 0x3f, 0x40});
  ASSERT_TRUE(decoder.Init(Encoding::kByteStreamSplit, PhysicalType::kFloat, 0, streams).ok());
  std::vector<float> floats(2);
  ASSERT_TRUE(decoder.GetFloat(floats.data(), 1).ok());
  ASSERT_TRUE(decoder.GetFloat(floats.data() + 1, 1).ok());
  EXPECT_EQ(floats, (std::vector<float>{1.0f, 2.0f}));
  // FIXED[3] values "abc", "def" as three streams.
  ASSERT_TRUE(
      decoder.Init(Encoding::kByteStreamSplit, PhysicalType::kFixedLenByteArray, 3, "adbecf").ok());
  std::vector<std::string_view> views;
  ASSERT_TRUE(decoder.GetBytes(2, &views, 1 << 20).ok());
  EXPECT_EQ(views, (std::vector<std::string_view>{"abc", "def"}));
  EXPECT_EQ(decoder.Init(Encoding::kByteStreamSplit, PhysicalType::kInt32, 0, "abcde").code(),
            StatusCode::kCorruption);
}

TEST(PageValueDecoderTest, DictionaryIndicesAndRleBooleans) {
  PageValueDecoder decoder;
  // Bit width 2, then one bit-packed group: 1, 2, 3, 0, 1, 2, 3, 0.
  const std::string indices_data = Bytes({2, 0x03, 0x39, 0x39});
  ASSERT_TRUE(
      decoder.Init(Encoding::kRleDictionary, PhysicalType::kByteArray, 0, indices_data).ok());
  EXPECT_TRUE(decoder.dictionary_indices());
  std::vector<uint32_t> indices(8);
  ASSERT_TRUE(decoder.GetIndices(indices.data(), 8).ok());
  EXPECT_EQ(indices, (std::vector<uint32_t>{1, 2, 3, 0, 1, 2, 3, 0}));

  // RLE booleans: a 4-byte length, then a run of 3 trues.
  const std::string rle_bools = Bytes({2, 0, 0, 0, 0x06, 1});
  ASSERT_TRUE(decoder.Init(Encoding::kRle, PhysicalType::kBoolean, 0, rle_bools).ok());
  std::vector<uint8_t> bools(3);
  ASSERT_TRUE(decoder.GetBools(bools.data(), 3).ok());
  EXPECT_EQ(bools, (std::vector<uint8_t>{1, 1, 1}));
}

TEST(PageValueDecoderTest, RefusesEncodingsByName) {
  struct Case {
    Encoding encoding;
    PhysicalType type;
    StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Encoding::kDeltaBinaryPacked, PhysicalType::kDouble, StatusCode::kCorruption,
       "DELTA_BINARY_PACKED is not a valid encoding for DOUBLE values"},
      {Encoding::kRle, PhysicalType::kInt32, StatusCode::kCorruption,
       "RLE is not a valid encoding for INT32"},
      {Encoding::kBitPacked, PhysicalType::kInt32, StatusCode::kCorruption, "BIT_PACKED"},
      {static_cast<Encoding>(42), PhysicalType::kInt32, StatusCode::kNotImplemented,
       "encoding 42 is not supported"},
  };
  for (const Case& test : cases) {
    PageValueDecoder decoder;
    Status status = decoder.Init(test.encoding, test.type, 0, "12345678");
    EXPECT_EQ(status.code(), test.code);
    EXPECT_NE(status.message().find(test.message), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace larder::formats::parquet
