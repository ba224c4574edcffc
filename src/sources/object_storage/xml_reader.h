// A small XML reader for the answers of S3 APIs (ListBucketResult, Error): parses a document
// into a tree of elements with their text. Not a general XML parser: no DTDs, and namespaces
// are dropped from names ("s3:Key" reads as "Key").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::sources {

struct XmlElement {
  std::string name;  // Local name, without a namespace prefix.
  std::string text;  // The element's own character data, entities and CDATA decoded.
  std::vector<XmlElement> children;

  // The first child called `child_name`, or nullptr.
  const XmlElement* Child(std::string_view child_name) const;
  // The text of the first child called `child_name`, or "" when there is none.
  const std::string& ChildText(std::string_view child_name) const;
};

// Parses `document` (prolog, comments and processing instructions are skipped) and returns its
// root element. kCorruption saying where for malformed input: an unclosed or mismatched tag, an
// unknown entity, nesting deeper than 64, text after the root.
Result<XmlElement> ParseXml(std::string_view document);

}  // namespace larder::sources
