#include "analytics/form_decoding.h"

#include <gtest/gtest.h>

#include "analytics/capture_test_util.h"

namespace larder::analytics {
namespace {

TEST(FormDecodingTest, DecodesFormComponents) {
  EXPECT_EQ(DecodeFormComponent("a+b%20c%2Bd"), "a b c+d");
  EXPECT_EQ(DecodeFormComponent("%7B%22k%22%3A1%7D"), "{\"k\":1}");
  EXPECT_EQ(DecodeFormComponent("100%"), "100%");
  EXPECT_EQ(DecodeFormComponent("%zz%4"), "%zz%4");
  EXPECT_EQ(DecodeFormComponent("%C3%A9"), "é");
}

TEST(FormDecodingTest, FindsFields) {
  std::string_view form = "ver=1.2&data=eyJ9&compression=lz64&flag&_=1700000000000";
  EXPECT_EQ(FindFormField(form, "data"), "eyJ9");
  EXPECT_EQ(FindFormField(form, "compression"), "lz64");
  EXPECT_EQ(FindFormField(form, "flag"), "");
  EXPECT_EQ(FindFormField(form, "_"), "1700000000000");
  EXPECT_EQ(FindFormField(form, "missing"), std::nullopt);
  EXPECT_EQ(FindFormField("d%61ta=x", "data"), "x");
  EXPECT_EQ(FindFormField("", "data"), std::nullopt);
}

TEST(FormDecodingTest, RecognisesCaptureForms) {
  EXPECT_TRUE(LooksLikeCaptureForm("data=abc"));
  EXPECT_TRUE(LooksLikeCaptureForm("compression=lz64&data=abc"));
  EXPECT_TRUE(LooksLikeCaptureForm("x=1&data=abc"));
  EXPECT_FALSE(LooksLikeCaptureForm("{\"data=\":1}"));
  EXPECT_FALSE(LooksLikeCaptureForm("metadata=1"));
  EXPECT_FALSE(LooksLikeCaptureForm(std::string(200, 'x') + "&data=1"));
}

TEST(FormDecodingTest, SniffsBase64) {
  EXPECT_TRUE(LooksLikeBase64("eyJhIjoxfQ==", false, false));
  EXPECT_FALSE(LooksLikeBase64("eyJhIjoxfQ", false, false));  // Unpadded.
  EXPECT_TRUE(LooksLikeBase64("eyJhIjoxfQ", false, true));
  EXPECT_FALSE(LooksLikeBase64("eyJh Ijox", false, true));
  EXPECT_TRUE(LooksLikeBase64("eyJh Ijox fQ==", true, false));
  EXPECT_FALSE(LooksLikeBase64("{\"a\":1}", true, true));
  EXPECT_FALSE(LooksLikeBase64("", true, true));
}

TEST(FormDecodingTest, DecodesBase64InEitherAlphabetWithOrWithoutPadding) {
  std::string bytes = "\xfb\xff\xfe{\"event\":\"é\"}";
  for (bool url_safe : {false, true}) {
    for (bool pad : {false, true}) {
      std::string encoded = capture_testing::Base64ForTest(bytes, url_safe, pad);
      SCOPED_TRACE(encoded);
      Result<std::string> decoded = DecodeBase64(encoded);
      ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
      EXPECT_EQ(*decoded, bytes);
    }
  }
  Result<std::string> wrapped = DecodeBase64("eyJh\r\nIjox\nfQ==\n");
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(*wrapped, "{\"a\":1}");
}

TEST(FormDecodingTest, RefusesWhatIsNotBase64) {
  for (std::string_view text : {"ab*d", "eyJhI", "ab=cd"}) {
    SCOPED_TRACE(text);
    Result<std::string> decoded = DecodeBase64(text);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace larder::analytics
