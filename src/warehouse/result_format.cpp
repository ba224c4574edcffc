#include "warehouse/result_format.h"

#include <algorithm>
#include <cmath>

#include "common/json.h"

namespace larder::warehouse {
namespace {

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string JsonValue(const ColumnVector& column, size_t row) {
  if (column.IsNull(row)) return "null";
  const LogicalType& type = column.type();
  Value value = column.GetValue(row);
  switch (type.id()) {
    case TypeId::kBool:
    case TypeId::kInt64:
      return value.ToString(type);
    case TypeId::kFloat64:
      // JSON has no inf or nan: quoted, as ClickHouse writes them with
      // output_format_json_quote_denormals (valid JSON, nothing lost).
      if (std::isnan(value.as_float64())) return "\"nan\"";
      if (std::isinf(value.as_float64())) return value.as_float64() > 0 ? "\"inf\"" : "\"-inf\"";
      return value.ToString(type);
    case TypeId::kJson:
      return value.as_string().empty() ? "null" : value.as_string();
    case TypeId::kArray: {
      std::string out = "[";
      for (uint32_t i = column.offsets()[row]; i < column.offsets()[row + 1]; ++i) {
        if (i > column.offsets()[row]) out += ",";
        out += JsonValue(column.child(), i);
      }
      return out + "]";
    }
    default:
      return JsonString(value.ToString(type));
  }
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Cell(const ColumnVector& column, size_t row) {
  return column.GetValue(row).ToString(column.type());
}

std::string FormatTable(const Batch& batch) {
  const size_t columns = batch.columns.size();
  std::vector<size_t> widths(columns);
  std::vector<std::vector<std::string>> cells(batch.num_rows(), std::vector<std::string>(columns));
  for (size_t c = 0; c < columns; ++c) {
    widths[c] = batch.schema.fields[c].name.size();
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      cells[row][c] = Cell(batch.columns[c], row);
      widths[c] = std::max(widths[c], std::min<size_t>(cells[row][c].size(), 60));
    }
  }
  auto line = [&](auto cell_of) {
    std::string out;
    for (size_t c = 0; c < columns; ++c) {
      std::string text = cell_of(c);
      if (text.size() > 60) text = text.substr(0, 57) + "...";
      out += (c ? " | " : "") + text + std::string(widths[c] - text.size(), ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line([&](size_t c) { return batch.schema.fields[c].name; });
  std::string rule;
  for (size_t c = 0; c < columns; ++c) rule += (c ? "-+-" : "") + std::string(widths[c], '-');
  out += rule + "\n";
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    out += line([&](size_t c) { return cells[row][c]; });
  }
  out += fmt::format("({} row{})\n", batch.num_rows(), batch.num_rows() == 1 ? "" : "s");
  return out;
}

std::string JsonRow(const Batch& batch, size_t row) {
  std::string out = "{";
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    if (c) out += ",";
    out += JsonString(batch.schema.fields[c].name) + ":" + JsonValue(batch.columns[c], row);
  }
  return out + "}";
}

}  // namespace

void AppendJsonResultFields(const Batch& batch, std::string* out) {
  *out += "\"columns\":[";
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    *out += (c ? "," : "") + JsonString(batch.schema.fields[c].name);
  }
  *out += "],\"types\":[";
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    *out += (c ? "," : "") + JsonString(batch.schema.fields[c].type.ToString());
  }
  *out += "],\"results\":[";
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    *out += row ? ",\n[" : "\n[";
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      *out += (c ? "," : "") + JsonValue(batch.columns[c], row);
    }
    *out += "]";
  }
  *out += "]";
}

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "jsonl") return OutputFormat::kJsonLines;
  return InvalidArgument("unknown format '{}'; expected table, csv, json or jsonl", name);
}

std::string FormatBatch(const Batch& batch, OutputFormat format) {
  std::string out;
  switch (format) {
    case OutputFormat::kTable:
      return FormatTable(batch);
    case OutputFormat::kCsv:
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        out += (c ? "," : "") + CsvField(batch.schema.fields[c].name);
      }
      out += "\n";
      for (size_t row = 0; row < batch.num_rows(); ++row) {
        for (size_t c = 0; c < batch.columns.size(); ++c) {
          out += (c ? "," : "") +
                 (batch.columns[c].IsNull(row) ? "" : CsvField(Cell(batch.columns[c], row)));
        }
        out += "\n";
      }
      return out;
    case OutputFormat::kJson:
      out = "{";
      AppendJsonResultFields(batch, &out);
      return out + "}\n";
    case OutputFormat::kJsonLines:
      for (size_t row = 0; row < batch.num_rows(); ++row) out += JsonRow(batch, row) + "\n";
      return out;
  }
  return out;
}

}  // namespace larder::warehouse
