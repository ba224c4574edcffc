// UTF-8 for the string functions: counting and decoding code points, and the simple
// (one code point to one code point) case mapping that lowerUTF8, upperUTF8 and ilike use.
// Bytes that are not valid UTF-8 are never an error: they pass through unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace larder::functions::utf8 {

// Code points in `text`, counting every byte that is not a continuation byte (0x80-0xBF), as
// ClickHouse's lengthUTF8 does (so invalid bytes count one each).
size_t CountCodePoints(std::string_view text);

// Bytes of the code point that starts at text[pos] (at least 1, at most the bytes left).
size_t CodePointLength(std::string_view text, size_t pos);

// Decodes the well-formed sequence at text[pos] into *code_point and returns its length, or
// returns 0 when the bytes there are not valid UTF-8.
size_t Decode(std::string_view text, size_t pos, uint32_t* code_point);

// Appends the UTF-8 encoding of `code_point` (which must be at most 0x10FFFF).
void Append(uint32_t code_point, std::string* out);

// Simple case mapping for the scripts product data mostly holds: Latin (with Latin-1,
// Extended-A and Extended Additional), Greek, Cyrillic, Armenian and full-width Latin.
// Other code points map to themselves. No special casing (ß stays ß).
uint32_t ToLower(uint32_t code_point);
uint32_t ToUpper(uint32_t code_point);

// Appends `text` with every code point case-mapped; invalid bytes are copied as they are.
void AppendLower(std::string_view text, std::string* out);
void AppendUpper(std::string_view text, std::string* out);

// ASCII-only case mapping (lower, upper, positionCaseInsensitive).
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

// True when every byte is ASCII.
bool IsAscii(std::string_view text);

}  // namespace larder::functions::utf8
