#include "warehouse/external_tables.h"

#include <simdjson.h>

#include "common/hex.h"
#include "common/json.h"

namespace larder::warehouse {

std::string EncodeSelfManagedDefinition(const SelfManagedDefinition& definition) {
  Json json = Json::MakeObject();
  json["format"] = definition.format;
  Json columns = Json::MakeArray();
  for (const Field& field : definition.schema.fields) {
    Json column = Json::MakeObject();
    column["name"] = field.name;
    column["type"] = field.type.ToString();
    columns.push_back(std::move(column));
  }
  json["columns"] = std::move(columns);
  json["sealed_settings"] = HexEncode(definition.sealed_settings);  // Bytes, as hex.
  return json.Serialize();
}

Result<SelfManagedDefinition> DecodeSelfManagedDefinition(std::string_view json) {
  auto corrupt = [] { return Corruption("the definition of a self-managed table is malformed"); };
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) return corrupt();
  SelfManagedDefinition definition;
  std::string_view text;
  if (root["format"].get_string().get(text) != simdjson::SUCCESS) return corrupt();
  definition.format = std::string(text);
  if (root["sealed_settings"].get_string().get(text) != simdjson::SUCCESS) return corrupt();
  Result<std::string> sealed = HexDecode(text, "sealed settings");
  if (!sealed.ok()) return corrupt();
  definition.sealed_settings = std::move(*sealed);
  simdjson::dom::array columns;
  if (root["columns"].get_array().get(columns) != simdjson::SUCCESS) return corrupt();
  for (simdjson::dom::element column : columns) {
    std::string_view name, type;
    if (column["name"].get_string().get(name) != simdjson::SUCCESS ||
        column["type"].get_string().get(type) != simdjson::SUCCESS) {
      return corrupt();
    }
    LARDER_ASSIGN_OR_RETURN(LogicalType parsed, LogicalType::Parse(type));
    definition.schema.fields.push_back({std::string(name), parsed});
  }
  return definition;
}

}  // namespace larder::warehouse
