#include "sources/object_storage/xml_reader.h"

#include <cctype>
#include <cstdlib>

namespace larder::sources {
namespace {

constexpr int kMaxDepth = 64;

class XmlParser {
 public:
  explicit XmlParser(std::string_view input) : input_(input) {}

  Result<XmlElement> ParseDocument() {
    LARDER_RETURN_IF_ERROR(SkipMisc());
    if (AtEnd() || Peek() != '<') return Error("the document has no root element");
    XmlElement root;
    LARDER_RETURN_IF_ERROR(ParseElement(&root, 0));
    LARDER_RETURN_IF_ERROR(SkipMisc());
    if (!AtEnd()) return Error("text follows the root element");
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= input_.size(); }
  char Peek() const { return input_[pos_]; }
  bool StartsWith(std::string_view text) const { return input_.substr(pos_).starts_with(text); }

  Status Error(std::string_view what) const {
    return Corruption("malformed XML at byte {}: {}", pos_, what);
  }

  void SkipSpace() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
  }

  Status SkipPast(std::string_view terminator) {
    const size_t end = input_.find(terminator, pos_);
    if (end == std::string_view::npos) return Error(fmt::format("no closing '{}'", terminator));
    pos_ = end + terminator.size();
    return Status::OK();
  }

  // Whitespace, comments, processing instructions (<?xml …?>) and <!DOCTYPE …>.
  Status SkipMisc() {
    while (true) {
      SkipSpace();
      if (StartsWith("<?")) {
        LARDER_RETURN_IF_ERROR(SkipPast("?>"));
      } else if (StartsWith("<!--")) {
        LARDER_RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsWith("<!DOCTYPE")) {
        LARDER_RETURN_IF_ERROR(SkipPast(">"));
      } else {
        return Status::OK();
      }
    }
  }

  std::string_view ReadName() {
    const size_t start = pos_;
    while (!AtEnd()) {
      const char c = Peek();
      if (std::isspace(static_cast<unsigned char>(c)) || c == '>' || c == '/' || c == '=') break;
      ++pos_;
    }
    return input_.substr(start, pos_ - start);
  }

  static std::string LocalName(std::string_view name) {
    const size_t colon = name.rfind(':');
    return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
  }

  // Skips the attributes of a start tag; stops at '>' or "/>".
  Status SkipAttributes() {
    while (true) {
      SkipSpace();
      if (AtEnd()) return Error("a start tag is not closed");
      if (Peek() == '>' || StartsWith("/>")) return Status::OK();
      if (ReadName().empty()) return Error("an attribute has no name");
      SkipSpace();
      if (AtEnd() || Peek() != '=') return Error("an attribute has no value");
      ++pos_;
      SkipSpace();
      if (AtEnd() || (Peek() != '"' && Peek() != '\'')) return Error("an unquoted attribute");
      const char quote = Peek();
      ++pos_;
      LARDER_RETURN_IF_ERROR(SkipPast(std::string_view(&quote, 1)));
    }
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xc0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      *out += static_cast<char>(0xe0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      *out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      *out += static_cast<char>(0xf0 | (code >> 18));
      *out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      *out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  // At '&': decodes one entity into `out`.
  Status ReadEntity(std::string* out) {
    const size_t end = input_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) return Error("an unterminated entity");
    const std::string_view entity = input_.substr(pos_ + 1, end - pos_ - 1);
    if (entity == "amp") {
      *out += '&';
    } else if (entity == "lt") {
      *out += '<';
    } else if (entity == "gt") {
      *out += '>';
    } else if (entity == "quot") {
      *out += '"';
    } else if (entity == "apos") {
      *out += '\'';
    } else if (entity.starts_with('#') && entity.size() > 1) {
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      const std::string digits(entity.substr(hex ? 2 : 1));
      char* parsed_end = nullptr;
      const unsigned long code = std::strtoul(digits.c_str(), &parsed_end, hex ? 16 : 10);
      if (digits.empty() || *parsed_end != '\0' || code > 0x10ffff) {
        return Error(fmt::format("a bad character reference '&{};'", entity));
      }
      AppendUtf8(static_cast<uint32_t>(code), out);
    } else {
      return Error(fmt::format("an unknown entity '&{};'", entity));
    }
    pos_ = end + 1;
    return Status::OK();
  }

  // At '<' of a start tag: parses the element and everything inside it.
  Status ParseElement(XmlElement* element, int depth) {
    if (depth >= kMaxDepth) return Error("elements nest too deeply");
    ++pos_;  // '<'
    element->name = LocalName(ReadName());
    if (element->name.empty()) return Error("a tag has no name");
    LARDER_RETURN_IF_ERROR(SkipAttributes());
    if (StartsWith("/>")) {
      pos_ += 2;
      return Status::OK();
    }
    ++pos_;  // '>'
    while (true) {
      if (AtEnd()) return Error(fmt::format("<{}> is not closed", element->name));
      const char c = Peek();
      if (c == '&') {
        LARDER_RETURN_IF_ERROR(ReadEntity(&element->text));
      } else if (c != '<') {
        element->text += c;
        ++pos_;
      } else if (StartsWith("<![CDATA[")) {
        const size_t start = pos_ + 9;
        LARDER_RETURN_IF_ERROR(SkipPast("]]>"));
        element->text.append(input_.substr(start, pos_ - 3 - start));
      } else if (StartsWith("<!--")) {
        LARDER_RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsWith("<?")) {
        LARDER_RETURN_IF_ERROR(SkipPast("?>"));
      } else if (StartsWith("</")) {
        pos_ += 2;
        const std::string closing = LocalName(ReadName());
        SkipSpace();
        if (closing != element->name || AtEnd() || Peek() != '>') {
          return Error(fmt::format("</{}> closes <{}>", closing, element->name));
        }
        ++pos_;
        return Status::OK();
      } else {
        element->children.emplace_back();
        LARDER_RETURN_IF_ERROR(ParseElement(&element->children.back(), depth + 1));
      }
    }
  }

  std::string_view input_;
  size_t pos_ = 0;
};

}  // namespace

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const XmlElement& child : children) {
    if (child.name == child_name) return &child;
  }
  return nullptr;
}

const std::string& XmlElement::ChildText(std::string_view child_name) const {
  static const std::string kEmpty;
  const XmlElement* child = Child(child_name);
  return child == nullptr ? kEmpty : child->text;
}

Result<XmlElement> ParseXml(std::string_view document) {
  return XmlParser(document).ParseDocument();
}

}  // namespace larder::sources
