#include "formats/parquet/parquet_schema.h"

namespace larder::formats::parquet {
namespace {

using Kind = LogicalTypeAnnotation::Kind;

// The flattened elements as a tree.
struct RawNode {
  const SchemaElement* element = nullptr;
  std::vector<RawNode> children;
  bool is_leaf() const { return children.empty() && element->type.has_value(); }
};

Status BuildRawTree(const std::vector<SchemaElement>& elements, size_t* next, int depth,
                    RawNode* node) {
  if (*next >= elements.size()) {
    return Corruption("the schema's child counts name more elements than its {}", elements.size());
  }
  if (depth > kMaxSchemaDepth) {
    return Corruption("the schema nests deeper than the {} levels this reader accepts",
                      kMaxSchemaDepth);
  }
  node->element = &elements[(*next)++];
  const int32_t children = node->element->num_children;
  if (children < 0 || static_cast<size_t>(children) > elements.size() - *next) {
    return Corruption("schema element {} claims {} children", node->element->name, children);
  }
  node->children.resize(static_cast<size_t>(children));
  for (RawNode& child : node->children) {
    LARDER_RETURN_IF_ERROR(BuildRawTree(elements, next, depth + 1, &child));
  }
  return Status::OK();
}

// The decimal's scale and precision: the logical type's, else the element's.
void DecimalParameters(const SchemaElement& element, int32_t* scale, int32_t* precision) {
  if (element.logical_type.kind == Kind::kDecimal) {
    *scale = element.logical_type.scale;
    *precision = element.logical_type.precision;
  } else {
    *scale = element.scale;
    *precision = element.precision;
  }
}

bool HasConverted(const SchemaElement& element, ConvertedType type) {
  return element.converted_type == type;
}

// Sets leaf->kind and leaf->value_type for an integer physical type.
void MapInteger(const SchemaElement& element, LeafColumn* leaf) {
  const LogicalTypeAnnotation& logical = element.logical_type;
  const bool is_int32 = leaf->physical == PhysicalType::kInt32;
  bool is_unsigned = false;
  if (logical.kind == Kind::kInteger) {
    is_unsigned = !logical.is_signed;
  } else if (element.converted_type) {
    const auto converted = *element.converted_type;
    is_unsigned = converted == ConvertedType::kUint8 || converted == ConvertedType::kUint16 ||
                  converted == ConvertedType::kUint32 || converted == ConvertedType::kUint64;
  }
  if (is_int32) {
    leaf->kind = is_unsigned ? ValueKind::kUInt32 : ValueKind::kInt32;
    leaf->value_type = LogicalType::Int64();
  } else if (is_unsigned) {
    leaf->kind = ValueKind::kUInt64;
    leaf->value_type = LogicalType::Decimal(0);
  } else {
    leaf->kind = ValueKind::kInt64;
    leaf->value_type = LogicalType::Int64();
  }
}

// Sets kind and value_type for a DECIMAL leaf; false when the parameters make no sense.
bool MapDecimal(const SchemaElement& element, LeafColumn* leaf) {
  int32_t scale, precision;
  DecimalParameters(element, &scale, &precision);
  if (scale < 0 || precision <= 0 || scale > precision) return false;
  const bool is_bytes = leaf->physical == PhysicalType::kByteArray ||
                        leaf->physical == PhysicalType::kFixedLenByteArray;
  leaf->scale = scale;
  if (precision > kMaxDecimalScale || scale > kMaxDecimalScale) {
    if (!is_bytes) return false;
    leaf->kind = ValueKind::kDecimalBytesWide;
    leaf->value_type = LogicalType::Float64();
    return true;
  }
  leaf->kind = leaf->physical == PhysicalType::kInt32   ? ValueKind::kDecimalInt32
               : leaf->physical == PhysicalType::kInt64 ? ValueKind::kDecimalInt64
                                                        : ValueKind::kDecimalBytes;
  leaf->value_type = LogicalType::Decimal(scale);
  return true;
}

bool IsDecimal(const SchemaElement& element) {
  return element.logical_type.kind == Kind::kDecimal ||
         HasConverted(element, ConvertedType::kDecimal);
}

// Fills in how a leaf's values become Larder values; false when it cannot be read.
bool MapLeaf(const SchemaElement& element, LeafColumn* leaf, std::string* unsupported) {
  const LogicalTypeAnnotation& logical = element.logical_type;
  leaf->physical = *element.type;
  leaf->type_length = element.type_length;
  leaf->kind = ValueKind::kBytes;
  leaf->value_type = LogicalType::String();
  if (logical.kind == Kind::kUnknown) {
    leaf->kind = ValueKind::kNull;
    return true;
  }
  if (IsDecimal(element) && leaf->physical != PhysicalType::kBoolean &&
      leaf->physical != PhysicalType::kFloat && leaf->physical != PhysicalType::kDouble &&
      leaf->physical != PhysicalType::kInt96) {
    if (MapDecimal(element, leaf)) return true;
    *unsupported = fmt::format("DECIMAL({}, {}) is not a valid decimal",
                               element.logical_type.precision, element.logical_type.scale);
    return false;
  }
  switch (leaf->physical) {
    case PhysicalType::kBoolean:
      leaf->kind = ValueKind::kBool;
      leaf->value_type = LogicalType::Bool();
      return true;
    case PhysicalType::kInt32:
      if (logical.kind == Kind::kDate || HasConverted(element, ConvertedType::kDate)) {
        leaf->kind = ValueKind::kDate;
        leaf->value_type = LogicalType::Date();
      } else if (logical.kind == Kind::kTime || HasConverted(element, ConvertedType::kTimeMillis)) {
        leaf->kind = ValueKind::kTimeMillis;
      } else {
        MapInteger(element, leaf);
      }
      return true;
    case PhysicalType::kInt64: {
      const bool is_timestamp = logical.kind == Kind::kTimestamp ||
                                HasConverted(element, ConvertedType::kTimestampMillis) ||
                                HasConverted(element, ConvertedType::kTimestampMicros);
      const bool is_time =
          logical.kind == Kind::kTime || HasConverted(element, ConvertedType::kTimeMicros);
      TimeUnit unit = logical.unit;
      if (logical.kind != Kind::kTimestamp && logical.kind != Kind::kTime) {
        unit = HasConverted(element, ConvertedType::kTimestampMillis) ? TimeUnit::kMillis
                                                                      : TimeUnit::kMicros;
      }
      if (is_timestamp) {
        leaf->kind = unit == TimeUnit::kMillis   ? ValueKind::kTimestampMillis
                     : unit == TimeUnit::kMicros ? ValueKind::kTimestampMicros
                                                 : ValueKind::kTimestampNanos;
        leaf->value_type = LogicalType::DateTime();
      } else if (is_time) {
        leaf->kind = unit == TimeUnit::kNanos ? ValueKind::kTimeNanos : ValueKind::kTimeMicros;
      } else {
        MapInteger(element, leaf);
      }
      return true;
    }
    case PhysicalType::kInt96:
      leaf->kind = ValueKind::kInt96Timestamp;
      leaf->value_type = LogicalType::DateTime();
      return true;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      leaf->kind = leaf->physical == PhysicalType::kFloat ? ValueKind::kFloat : ValueKind::kDouble;
      leaf->value_type = LogicalType::Float64();
      return true;
    case PhysicalType::kByteArray:
      if (logical.kind == Kind::kJson || HasConverted(element, ConvertedType::kJson)) {
        leaf->kind = ValueKind::kJson;
        leaf->value_type = LogicalType::Json();
      }
      return true;
    case PhysicalType::kFixedLenByteArray:
      if (element.type_length < 0 || element.type_length > (1 << 24)) {
        *unsupported = fmt::format("FIXED_LEN_BYTE_ARRAY of {} bytes", element.type_length);
        return false;
      }
      if (logical.kind == Kind::kUuid && element.type_length == 16) {
        leaf->kind = ValueKind::kUuid;
        leaf->value_type = LogicalType::Uuid();
      } else if (logical.kind == Kind::kFloat16 && element.type_length == 2) {
        leaf->kind = ValueKind::kFloat16;
        leaf->value_type = LogicalType::Float64();
      } else if (HasConverted(element, ConvertedType::kInterval) && element.type_length == 12) {
        leaf->kind = ValueKind::kInterval;
      }
      return true;
  }
  *unsupported = fmt::format("physical type {} is unknown", static_cast<int32_t>(leaf->physical));
  return false;
}

bool IsList(const SchemaElement& element) {
  return element.logical_type.kind == Kind::kList || HasConverted(element, ConvertedType::kList);
}

bool IsMap(const SchemaElement& element) {
  return element.logical_type.kind == Kind::kMap || HasConverted(element, ConvertedType::kMap) ||
         HasConverted(element, ConvertedType::kMapKeyValue);
}

bool IsRepeated(const RawNode& node) { return node.element->repetition == Repetition::kRepeated; }

// Turns raw trees into SchemaNodes, numbering the leaves in order.
class NodeBuilder {
 public:
  NodeBuilder(std::vector<LeafColumn>* leaves) : leaves_(leaves) {}

  // Builds `raw` as a child of a node present at `parent_def` with repetition `parent_rep`.
  // `force_required`: the node is the element of a list whose repetition it carries.
  Status Build(const RawNode& raw, uint8_t parent_def, uint8_t parent_rep, bool force_required,
               std::vector<std::string>* path, SchemaNode* node) {
    path->push_back(raw.element->name);
    node->name = raw.element->name;
    node->first_leaf = static_cast<int>(leaves_->size());
    Status status = BuildShape(raw, parent_def, parent_rep, force_required, path, node);
    node->end_leaf = static_cast<int>(leaves_->size());
    path->pop_back();
    return status;
  }

  const std::string& unsupported() const { return unsupported_; }

 private:
  Status BuildShape(const RawNode& raw, uint8_t parent_def, uint8_t parent_rep, bool force_required,
                    std::vector<std::string>* path, SchemaNode* node) {
    if (!force_required && IsRepeated(raw)) {
      // A repeated field outside a LIST: a list of required elements.
      SetList(node, false, parent_def, parent_rep);
      node->children.resize(1);
      LARDER_RETURN_IF_ERROR(BuildShape(raw, node->element_definition_level,
                                        node->element_repetition_level, true, path,
                                        &node->children[0]));
      node->children[0].name = raw.element->name;
      node->children[0].first_leaf = node->first_leaf;
      node->children[0].end_leaf = static_cast<int>(leaves_->size());
      return SetListType(node);
    }
    node->optional = !force_required && raw.element->repetition == Repetition::kOptional;
    node->definition_level = static_cast<uint8_t>(parent_def + (node->optional ? 1 : 0));
    if (raw.is_leaf()) return BuildLeaf(raw, parent_rep, path, node);
    if (raw.children.empty()) {
      Unsupported(fmt::format("group {} has no fields", raw.element->name));
      node->type = LogicalType::Json().WithNullable(true);
      return Status::OK();
    }
    if (raw.element->logical_type.kind == Kind::kVariant) {
      Unsupported("VARIANT columns are not supported");
    }
    const RawNode* repeated =
        raw.children.size() == 1 && IsRepeated(raw.children[0]) ? &raw.children[0] : nullptr;
    if (IsList(*raw.element) && repeated != nullptr) {
      return BuildList(raw, *repeated, parent_def, parent_rep, path, node);
    }
    if (IsMap(*raw.element) && repeated != nullptr && !repeated->is_leaf() &&
        repeated->children.size() <= 2) {
      SetList(node, node->optional, parent_def, parent_rep);
      node->shape = SchemaNode::Shape::kMap;
      path->push_back(repeated->element->name);
      node->children.resize(repeated->children.size());
      for (size_t i = 0; i < repeated->children.size(); ++i) {
        LARDER_RETURN_IF_ERROR(Build(repeated->children[i], node->element_definition_level,
                                     node->element_repetition_level, false, path,
                                     &node->children[i]));
      }
      path->pop_back();
      node->type = LogicalType::Json().WithNullable(node->optional);
      return Status::OK();
    }
    node->shape = SchemaNode::Shape::kStruct;
    node->children.resize(raw.children.size());
    for (size_t i = 0; i < raw.children.size(); ++i) {
      LARDER_RETURN_IF_ERROR(Build(raw.children[i], node->definition_level, parent_rep, false, path,
                                   &node->children[i]));
    }
    node->type = LogicalType::Json().WithNullable(node->optional);
    return Status::OK();
  }

  // A LIST-annotated group with its repeated child, in the 3-level form or a legacy one.
  Status BuildList(const RawNode& raw, const RawNode& repeated, uint8_t parent_def,
                   uint8_t parent_rep, std::vector<std::string>* path, SchemaNode* node) {
    SetList(node, node->optional, parent_def, parent_rep);
    node->children.resize(1);
    SchemaNode* element = &node->children[0];
    const bool repeated_is_element = repeated.is_leaf() || repeated.children.size() > 1 ||
                                     repeated.element->name == "array" ||
                                     repeated.element->name == raw.element->name + "_tuple";
    if (repeated_is_element) {
      LARDER_RETURN_IF_ERROR(Build(repeated, node->element_definition_level,
                                   node->element_repetition_level, true, path, element));
    } else {
      path->push_back(repeated.element->name);
      LARDER_RETURN_IF_ERROR(Build(repeated.children[0], node->element_definition_level,
                                   node->element_repetition_level, false, path, element));
      path->pop_back();
    }
    return SetListType(node);
  }

  Status BuildLeaf(const RawNode& raw, uint8_t parent_rep, std::vector<std::string>* path,
                   SchemaNode* node) {
    LeafColumn leaf;
    leaf.path = *path;
    for (const std::string& part : *path) {
      leaf.dotted_path += (leaf.dotted_path.empty() ? "" : ".") + part;
    }
    leaf.max_definition_level = node->definition_level;
    leaf.max_repetition_level = parent_rep;
    std::string reason;
    if (!MapLeaf(*raw.element, &leaf, &reason)) Unsupported(leaf.dotted_path + ": " + reason);
    node->shape = SchemaNode::Shape::kLeaf;
    node->leaf = static_cast<int>(leaves_->size());
    node->type = leaf.value_type.WithNullable(node->optional || leaf.kind == ValueKind::kNull);
    leaves_->push_back(std::move(leaf));
    return Status::OK();
  }

  static void SetList(SchemaNode* node, bool optional, uint8_t parent_def, uint8_t parent_rep) {
    node->shape = SchemaNode::Shape::kList;
    node->optional = optional;
    node->definition_level = static_cast<uint8_t>(parent_def + (optional ? 1 : 0));
    node->element_definition_level = static_cast<uint8_t>(node->definition_level + 1);
    node->element_repetition_level = static_cast<uint8_t>(parent_rep + 1);
  }

  static Status SetListType(SchemaNode* node) {
    const SchemaNode& element = node->children[0];
    node->type = LogicalType::Array(element.type).WithNullable(node->optional);
    return Status::OK();
  }

  void Unsupported(std::string reason) {
    if (unsupported_.empty()) unsupported_ = std::move(reason);
  }

  std::vector<LeafColumn>* leaves_;
  std::string unsupported_;
};

}  // namespace

Result<ParquetSchema> ParquetSchema::Build(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) return Corruption("the schema has no root element");
  if (elements.size() > kMaxSchemaElements) {
    return Corruption("the schema has {} elements; this reader accepts at most {}", elements.size(),
                      kMaxSchemaElements);
  }
  RawNode root;
  size_t next = 0;
  LARDER_RETURN_IF_ERROR(BuildRawTree(elements, &next, 0, &root));
  if (next != elements.size()) {
    return Corruption("the schema's child counts reach {} of its {} elements", next,
                      elements.size());
  }
  if (root.element->type) return Corruption("the schema's root is a primitive, not a group");
  ParquetSchema schema;
  for (const RawNode& child : root.children) {
    NodeBuilder builder(&schema.leaves_);
    ParquetField field;
    std::vector<std::string> path;
    LARDER_RETURN_IF_ERROR(builder.Build(child, 0, 0, false, &path, &field.node));
    field.name = child.element->name;
    field.type = field.node.type;
    field.flat = field.node.shape == SchemaNode::Shape::kLeaf;
    field.unsupported = builder.unsupported();
    schema.fields_.push_back(std::move(field));
  }
  return schema;
}

}  // namespace larder::formats::parquet
