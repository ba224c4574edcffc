// A fast path for HogQL's most common JSON read, `properties.$browser`: top-level keys of a flat
// JSON object. One pass over the text finds the keys' values without building a document, and
// hands back the text _property would give. Anything it does not handle the same way as the full
// parser (escapes, numbers other than plain integers, nested values asked for, whatever looks
// unusual) makes it give up, and the caller parses the document fully.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace larder::functions {

struct FastPropertyValue {
  bool found = false;  // The key is there and its value is not JSON null.
  // _property's text: a string's content, an integer, true / false, or a decimal number printed
  // back in its shortest form (kept in `printed`).
  std::string_view text;
  std::string printed;
};

// Looks up `keys` (none containing a backslash or a quote) at the top level of `document`.
// False: the fast path does not apply; use the full parser. REQUIRES: `document` is valid JSON
// (values of JSON columns); for text that may not be, the full parser must decide.
bool LookUpTopLevelKeys(std::string_view document, const std::vector<std::string_view>& keys,
                        std::vector<FastPropertyValue>* values);

}  // namespace larder::functions
