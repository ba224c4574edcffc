#include "sources/object_storage/xml_reader.h"

#include <gtest/gtest.h>

namespace larder::sources {
namespace {

TEST(XmlReaderTest, ReadsAListBucketResult) {
  // The shape of AWS's ListObjectsV2 answer.
  Result<XmlElement> root = ParseXml(R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name>
  <Prefix/>
  <KeyCount>2</KeyCount>
  <MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <Contents>
    <Key>my &amp; &lt;file&gt;.csv</Key>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents><Key><![CDATA[a<b>]]></Key><Size>0</Size><!-- a comment --></Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
</ListBucketResult>)");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ(root->name, "ListBucketResult");
  EXPECT_EQ(root->ChildText("IsTruncated"), "true");
  EXPECT_EQ(root->ChildText("Prefix"), "");
  EXPECT_NE(root->Child("Prefix"), nullptr);
  EXPECT_EQ(root->Child("Missing"), nullptr);
  EXPECT_EQ(root->ChildText("NextContinuationToken"),
            "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  std::vector<const XmlElement*> contents;
  for (const XmlElement& child : root->children) {
    if (child.name == "Contents") contents.push_back(&child);
  }
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(contents[0]->ChildText("Key"), "my & <file>.csv");
  EXPECT_EQ(contents[0]->ChildText("ETag"), "\"fba9dede5f27731c9771645a39863328\"");
  EXPECT_EQ(contents[0]->ChildText("Size"), "434234");
  EXPECT_EQ(contents[1]->ChildText("Key"), "a<b>");
}

TEST(XmlReaderTest, DecodesCharacterReferencesAndDropsNamespacePrefixes) {
  Result<XmlElement> root = ParseXml(
      "<s3:Error a='1' b=\"x>y\"><s3:Code>A&#66;&#x43;&#xe9;&#x1F600;</s3:Code></s3:Error>");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ(root->name, "Error");
  EXPECT_EQ(root->ChildText("Code"), "ABC\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(XmlReaderTest, RefusesMalformedDocumentsSayingWhere) {
  const std::string cases[] = {
      "",
      "just text",
      "<a>",
      "<a></b>",
      "<a><b></a>",
      "<a>&nope;</a>",
      "<a>&#xZZ;</a>",
      "<a></a>trailing",
      "<a x=1></a>",
      "<a><![CDATA[never closed</a>",
      std::string(100, '<'),
  };
  for (const std::string& document : cases) {
    Result<XmlElement> root = ParseXml(document);
    ASSERT_FALSE(root.ok()) << document;
    EXPECT_EQ(root.status().code(), StatusCode::kCorruption) << document;
    EXPECT_NE(root.status().message().find("malformed XML at byte"), std::string::npos);
  }
  std::string deep;
  for (int idx = 0; idx < 100; ++idx) deep += "<a>";
  EXPECT_NE(ParseXml(deep).status().message().find("nest too deeply"), std::string::npos);
}

}  // namespace
}  // namespace larder::sources
