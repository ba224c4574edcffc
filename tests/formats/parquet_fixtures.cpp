// Reads Parquet files written by other writers (tests/formats/make_parquet_fixtures.mjs) with
// Larder's Parquet reader and compares every value with the JSON file of expected values the
// script wrote beside them. One test per column (and per file expected to fail); prints
// "PASS …" / "FAIL …" lines and, last, "N passed, N failed".
//
//   larder_parquet_fixtures DIR/expected.json
//
// expected.json: {"cases": [{"file": NAME, "columns": [{"name", "type", "values": [...]}]} or
// {"file": NAME, "error": SUBSTRING}]}, files relative to the JSON file's folder. Values, by the
// Larder type: null; Bool true/false; Int64 and DateTime (microseconds) as decimal strings;
// Float64 a number or "NaN" / "Infinity" / "-Infinity"; Decimal as Larder prints it ("-5.00");
// String a string or {"hex": "…"} for bytes that are not UTF-8; Date "YYYY-MM-DD"; UUID its
// text; JSON the JSON value itself (compared as JSON, numbers as doubles); Array a list.
#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "common/byte_source.h"
#include "common/json.h"
#include "formats/parquet/parquet_reader.h"
#include "types/datetime.h"
#include "types/value.h"

namespace {

using larder::ColumnVector;
using larder::LogicalType;
using larder::TypeId;
namespace parquet = larder::formats::parquet;

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{:.17g}", value);
}

std::string Quote(std::string_view text) {
  std::string out;
  larder::AppendJsonString(text, &out);
  return out;
}

std::string HexDecode(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

// A JSON value in one spelling: numbers as doubles, objects in their order.
std::string CanonicalJson(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      std::string out = "[";
      for (simdjson::dom::element item : element.get_array()) {
        if (out.size() > 1) out += ",";
        out += CanonicalJson(item);
      }
      return out + "]";
    }
    case simdjson::dom::element_type::OBJECT: {
      std::string out = "{";
      for (auto field : element.get_object()) {
        if (out.size() > 1) out += ",";
        out += Quote(field.key) + ":" + CanonicalJson(field.value);
      }
      return out + "}";
    }
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return FormatDouble(double(element));
    case simdjson::dom::element_type::STRING:
      return Quote(std::string_view(element));
    case simdjson::dom::element_type::BOOL:
      return bool(element) ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "?";
}

// The expected value in the spelling Canonical() gives Larder's.
std::string CanonicalExpected(simdjson::dom::element element, const LogicalType& type) {
  if (element.is_null()) return "null";
  switch (type.id()) {
    case TypeId::kJson:
      return CanonicalJson(element);
    case TypeId::kArray: {
      if (!element.is_array()) return "not an array: " + CanonicalJson(element);
      std::string out = "[";
      for (simdjson::dom::element item : element.get_array()) {
        if (out.size() > 1) out += ",";
        out += CanonicalExpected(item, type.element());
      }
      return out + "]";
    }
    case TypeId::kFloat64:
      if (element.is_number()) return FormatDouble(double(element));
      return std::string(std::string_view(element));
    case TypeId::kString:
      if (element.is_object()) return Quote(HexDecode(std::string_view(element["hex"])));
      return Quote(std::string_view(element));
    case TypeId::kBool:
      return bool(element) ? "true" : "false";
    default:
      if (element.is_string()) return std::string(std::string_view(element));
      return CanonicalJson(element);
  }
}

std::string Canonical(const ColumnVector& column, size_t row, simdjson::dom::parser* parser) {
  if (column.IsNull(row)) return "null";
  const LogicalType& type = column.type();
  switch (type.id()) {
    case TypeId::kBool:
      return column.data<uint8_t>()[row] ? "true" : "false";
    case TypeId::kInt64:
    case TypeId::kDateTime:
      return std::to_string(column.data<int64_t>()[row]);
    case TypeId::kFloat64:
      return FormatDouble(column.data<double>()[row]);
    case TypeId::kDecimal:
      return larder::FormatDecimal(column.data<larder::Int128>()[row], type.scale());
    case TypeId::kString:
      return Quote(column.GetString(row));
    case TypeId::kDate:
      return larder::FormatDate(column.data<int32_t>()[row]);
    case TypeId::kUuid:
      return larder::FormatUuid(column.data<larder::Uuid128>()[row]);
    case TypeId::kJson: {
      simdjson::padded_string text(column.GetString(row));
      simdjson::dom::element element;
      if (parser->parse(text).get(element) != simdjson::SUCCESS) {
        return "invalid JSON: " + std::string(column.GetString(row));
      }
      return CanonicalJson(element);
    }
    case TypeId::kArray: {
      std::string out = "[";
      for (uint32_t i = column.offsets()[row]; i < column.offsets()[row + 1]; ++i) {
        if (out.size() > 1) out += ",";
        out += Canonical(column.child(), i, parser);
      }
      return out + "]";
    }
    default:
      return "unexpected type " + type.ToString();
  }
}

struct Counts {
  int passed = 0;
  int failed = 0;
  void Record(bool ok, const std::string& name, const std::string& detail) {
    if (ok) {
      ++passed;
      std::printf("PASS %s\n", name.c_str());
    } else {
      ++failed;
      std::printf("FAIL %s\n  %s\n", name.c_str(), detail.c_str());
    }
  }
};

// Reads column `index` of every row group of `reader`, in batches of `batch_rows`.
larder::Result<ColumnVector> ReadColumn(parquet::ParquetReader* reader, int index,
                                        size_t batch_rows) {
  ColumnVector all(reader->schema().fields[static_cast<size_t>(index)].type);
  for (size_t group = 0; group < reader->num_row_groups(); ++group) {
    LARDER_ASSIGN_OR_RETURN(auto rows, reader->ReadRowGroup(group, {index}));
    larder::Batch batch;
    for (;;) {
      LARDER_ASSIGN_OR_RETURN(bool more, rows->Next(batch_rows, &batch));
      if (!more) break;
      LARDER_RETURN_IF_ERROR(batch.Validate());
      all.AppendRange(batch.columns[0], 0, batch.columns[0].size());
    }
  }
  return all;
}

// Reads every column; the status of the first that fails.
larder::Status ReadEveryColumn(parquet::ParquetReader* reader) {
  for (size_t i = 0; i < reader->schema().fields.size(); ++i) {
    LARDER_RETURN_IF_ERROR(ReadColumn(reader, static_cast<int>(i), 1000).status());
  }
  return larder::Status::OK();
}

void RunCase(const std::string& dir, simdjson::dom::element test, Counts* counts) {
  const std::string file{std::string_view(test["file"])};
  const std::string path = dir + "/" + file;
  simdjson::dom::parser parser;
  auto source = larder::OpenLocalByteSource(path);
  larder::Result<std::unique_ptr<parquet::ParquetReader>> reader =
      source.ok() ? parquet::ParquetReader::Open(std::move(*source))
                  : larder::Result<std::unique_ptr<parquet::ParquetReader>>(source.status());
  std::string_view error;
  if (test["error"].get(error) == simdjson::SUCCESS) {
    const larder::Status status = reader.ok() ? ReadEveryColumn(reader->get()) : reader.status();
    const std::string message = status.ToString();
    counts->Record(!status.ok() && message.find(error) != std::string::npos &&
                       message.find(file) != std::string::npos,
                   file + " fails",
                   "expected an error naming the file and saying '" + std::string(error) +
                       "', got: " + message);
    return;
  }
  for (simdjson::dom::element expected : test["columns"].get_array()) {
    const std::string name{std::string_view(expected["name"])};
    const std::string test_name = file + " " + name;
    if (!reader.ok()) {
      counts->Record(false, test_name, reader.status().ToString());
      continue;
    }
    const int index = (*reader)->schema().FindField(name);
    if (index < 0) {
      counts->Record(false, test_name, "no such column");
      continue;
    }
    // Batches of 100 rows: they cut across pages.
    larder::Result<ColumnVector> read = ReadColumn(reader->get(), index, 100);
    if (!read.ok()) {
      counts->Record(false, test_name, read.status().ToString());
      continue;
    }
    const ColumnVector& column = *read;
    const std::string type{std::string_view(expected["type"])};
    if (column.type().ToString() != type) {
      counts->Record(false, test_name, "type " + column.type().ToString() + ", expected " + type);
      continue;
    }
    simdjson::dom::array values = expected["values"].get_array();
    std::string detail;
    if (values.size() != column.size()) {
      detail = fmt::format("{} rows, expected {}", column.size(), values.size());
    }
    size_t row = 0;
    for (simdjson::dom::element value : values) {
      if (!detail.empty() || row >= column.size()) break;
      const std::string want = CanonicalExpected(value, column.type().WithNullable(false));
      const std::string got = Canonical(column, row, &parser);
      if (want != got) detail = fmt::format("row {}: got {}, expected {}", row, got, want);
      ++row;
    }
    counts->Record(detail.empty(), test_name, detail);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR/expected.json\n", argv[0]);
    return 2;
  }
  const std::string expected_path = argv[1];
  const std::string dir = expected_path.substr(0, expected_path.find_last_of('/'));
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.load(expected_path).get(root) != simdjson::SUCCESS) {
    std::fprintf(stderr, "cannot read %s\n", expected_path.c_str());
    std::printf("0 passed, 1 failed\n");
    return 1;
  }
  Counts counts;
  for (simdjson::dom::element test : root["cases"].get_array()) RunCase(dir, test, &counts);
  std::printf("%d passed, %d failed\n", counts.passed, counts.failed);
  return counts.failed == 0 ? 0 : 1;
}
