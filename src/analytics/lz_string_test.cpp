#include "analytics/lz_string.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace larder::analytics {
namespace {

// Samples made with the npm package lz-string 1.5.0: LZString.compressToBase64(text).
struct Sample {
  std::string text;
  std::string base64;
};

const std::vector<Sample>& Samples() {
  static const std::vector<Sample> samples = {
      {R"([{"event":"$pageview","distinct_id":"u1","properties":{"token":"phc_lz","$current_url":"https://example.com/é"}}])",
       "NobwRApgbhB2AuYBcYAkAHAhgc2gSwgHcwAaMAEzwGd49YBjeAfT3OTAFcBGUsdAJwD26CP1oQqycPEEBrOO3QALekw"
       "A2AL16p6HfvzjM9a9kvjx0VJAHprEAB6YAtujUQAdPUFPrAS7AAvgEAukA==="},
      // An emoji (a UTF-16 surrogate pair) and a run that back-references itself.
      {R"({"event":"😀 clicked","distinct_id":"d","properties":{"token":"t","a":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}})",
       "N4IgpgbmB2AuIC4SF4NwAHsAIDGAbAlpgazABMQAaEY3AZ1l2k1gH1dSlSKAHAJwHtOw3OmGqJQsXkWiIQ8CgEMZ85S"
       "tVr1GzapABfHUA==="},
      {"a", "IZA="},
  };
  return samples;
}

// The text of the long sample: 300 words drawn with the generator the sample was made with.
std::string LongSampleText() {
  const std::vector<std::string> vocab = {"alpha", "beta",  "gamma", "delta", "épsilon", "zeta",
                                          "ηta",   "theta", "😀",     "iota",  "kappa",   "lambda"};
  int64_t seed = 7;
  auto next = [&seed] {
    seed = seed * 48271 % 2147483647;
    return seed;
  };
  std::string text;
  for (int i = 0; i < 300; ++i) {
    if (i > 0) text += ' ';
    text += vocab[next() % vocab.size()];
    text += std::to_string(next() % 50);
  }
  return text;
}

constexpr char kLongSample[] =
    "EYUwLghgHABA5hAtoiAmA7DUkDMAWeJFPARhgGsIAHKiHVLcaGALydgBslgATOhtpFQA2GIHbgXDgrVaZBMjRkAlgHtIJA"
    "l0S80sHiA64ArDFVCADDDAALJiUzyU+GBA5VrEPKOx0TEz1I+"
    "GjD6hhAk3kyoAJwubh44JjZ2SbaQJmbhMFo6GCEG6piUNGiimSSxybhFMuGi/"
    "ngMOXw4DkR0ZKGQsMW0sI5oUpl4loK6MIC8G4AAe3ia3Hx4UlXhmP6olgMV+"
    "WHr2fN0oq7u4WRjBJk4sb10ll3jy8F3qLAAl1QAzkocKgB2ymrMAaBFLSEp5a6Wa6oKTTMjTHBlAGwaZ4WJHBKYdF0c4Ax"
    "KmAGxBpSZrjAaoMhYrZvT7fH6wZZ4DIAryEBR6Aq+baQRlWNJoEzUr6/"
    "VGslAxSYzMiC2kU+KeURjDbtEhSj5Cn44IYAvJY8l7bR8PUkhVMerqJr7ESMQr6nQqrmeNFy+l81owaW/"
    "XYksjLTX49RSO54WBYgVqmWjOyiO5usmWfxSLGXB15D0/"
    "TBjVYB218WBjVAMO4kWAJkNymFTTAXEyUyzTeOQSG1Ropkwkyw+CskKTXZNYlnXe1BnMQNoKHBl44ZpgEAakXlRhdCAg+"
    "Eag2jBpfhWJFl1MHCWB6YIuJuV4Y8c1Amespsj+"
    "LZ3UQPSxJhjwghJywkggNQncpslPO35akIZAkgicTHOeopoAw96xOUWZ1OunjiJAojwrKxyWJkeppiyQSpPu7JhG61w8g0"
    "fjpP6nh5jOJhnG+"
    "MwMA8LF8hE1p0LEmwWgaaAEORsAXKexwTjRIpzrcl7TkICEAiQDBAiY5FIYsErFqwUSxPhAh2FuOBYR49hoWgmJysZQINm"
    "gh6uiB1kmQQdwmLunGcPsLZkv07TJncAG0HkMaYN6L5npBHhWiSqBzHxwSZCRuBkKumm4HJ/"
    "4oWJ96qjSvx1lMzmXtx3k0Yc5YyXQUhpgpDrJrhohkoGHJXLUeQNAJtQQT4uxjPQDrQbhmCVZg0yVHy0LqShNSAZN/"
    "mYJ2lhpj27VNWCVksv4VbarO7SbpSREJclATVRWzhBtGl4EMsUU0bsDJLK6nQcpuC2xMNErQWSoiRe64a/"
    "Ae4klrgsCroZ/IHSKaa8To84PP8QhQEAA";

TEST(LzStringTest, DecompressesSamplesMadeByTheJavaScriptLibrary) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.text);
    Result<std::string> result = DecompressLzStringBase64(sample.base64, 1 << 20);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(*result, sample.text);
  }
}

TEST(LzStringTest, DecompressesALongTextWithAGrowingDictionary) {
  std::string expected = LongSampleText();
  ASSERT_EQ(expected.size(), 2294u);  // As the sample's generator measured it.
  Result<std::string> result = DecompressLzStringBase64(kLongSample, 1 << 20);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, expected);
}

TEST(LzStringTest, RefusesOutputPastTheLimit) {
  Result<std::string> result = DecompressLzStringBase64(kLongSample, 1000);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("1000 bytes"), std::string::npos);
}

TEST(LzStringTest, RefusesDataThatIsNotLzString) {
  const std::string sample = Samples()[0].base64;
  for (const std::string& data : {std::string(), sample.substr(0, sample.size() / 2),
                                  std::string("////////////////"), std::string("hello world")}) {
    SCOPED_TRACE(data);
    Result<std::string> result = DecompressLzStringBase64(data, 1 << 20);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find("lz-string"), std::string::npos);
  }
}

}  // namespace
}  // namespace larder::analytics
