#include "formats/parquet/nested_column_reader.h"

#include <algorithm>
#include <cmath>

#include "common/json.h"
#include "types/datetime.h"

namespace larder::formats::parquet {
namespace {

constexpr size_t kReadStep = 4096;

void AppendOne(const ColumnVector& values, size_t index, ColumnVector* out) {
  if (values.type().is_string_like()) return out->AppendString(values.GetString(index));
  switch (values.type().fixed_width()) {
    case 1:
      return out->Append<uint8_t>(values.data<uint8_t>()[index]);
    case 4:
      return out->Append<int32_t>(values.data<int32_t>()[index]);
    case 8:
      return out->Append<int64_t>(values.data<int64_t>()[index]);
    case 16:
      return out->Append<Uuid128>(values.data<Uuid128>()[index]);
  }
}

// A value as JSON: see parquet_schema.h, note (6).
void AppendJsonValue(const ColumnVector& values, size_t index, std::string* out) {
  const LogicalType& type = values.type();
  switch (type.id()) {
    case TypeId::kBool:
      out->append(values.data<uint8_t>()[index] ? "true" : "false");
      return;
    case TypeId::kInt64:
      fmt::format_to(std::back_inserter(*out), "{}", values.data<int64_t>()[index]);
      return;
    case TypeId::kFloat64: {
      const double value = values.data<double>()[index];
      if (std::isfinite(value)) {
        fmt::format_to(std::back_inserter(*out), "{}", value);
      } else {
        out->append("null");
      }
      return;
    }
    case TypeId::kDecimal:
      out->append(FormatDecimal(values.data<Int128>()[index], type.scale()));
      return;
    case TypeId::kJson: {
      const std::string_view text = values.GetString(index);
      out->append(text.empty() ? "null" : text);
      return;
    }
    case TypeId::kDate:
      AppendJsonString(FormatDate(values.data<int32_t>()[index]), out);
      return;
    case TypeId::kDateTime:
      AppendJsonString(FormatDateTime(values.data<int64_t>()[index]), out);
      return;
    case TypeId::kUuid:
      AppendJsonString(FormatUuid(values.data<Uuid128>()[index]), out);
      return;
    default:
      AppendJsonString(values.GetString(index), out);
      return;
  }
}

}  // namespace

NestedColumnReader::NestedColumnReader(const ParquetField* field,
                                       const std::vector<LeafColumn>* leaves,
                                       std::vector<std::unique_ptr<ColumnChunkReader>> readers,
                                       std::string context)
    : field_(field),
      leaves_(leaves),
      readers_(std::move(readers)),
      buffers_(readers_.size()),
      context_(std::move(context)) {
  for (size_t i = 0; i < buffers_.size(); ++i) {
    const LeafColumn& leaf = (*leaves_)[static_cast<size_t>(field_->node.first_leaf) + i];
    buffers_[i].values = std::make_unique<ColumnVector>(leaf.value_type);
  }
}

Status NestedColumnReader::Inconsistent() const {
  return Corruption("{}: the levels of its leaf columns do not agree", context_);
}

Status NestedColumnReader::Fill(size_t rows) {
  for (size_t i = 0; i < buffers_.size(); ++i) {
    LeafBuffer& buffer = buffers_[i];
    buffer.definition.erase(buffer.definition.begin(),
                            buffer.definition.begin() + static_cast<ptrdiff_t>(buffer.level_next));
    buffer.repetition.erase(buffer.repetition.begin(),
                            buffer.repetition.begin() + static_cast<ptrdiff_t>(buffer.level_next));
    buffer.level_next = 0;
    if (buffer.value_next > 0) {
      auto rest = std::make_unique<ColumnVector>(buffer.values->type());
      rest->AppendRange(*buffer.values, buffer.value_next,
                        buffer.values->size() - buffer.value_next);
      buffer.values = std::move(rest);
      buffer.value_next = 0;
    }
    // Row r is whole once row r + 1 starts or the chunk ends.
    size_t starts = static_cast<size_t>(
        std::count(buffer.repetition.begin(), buffer.repetition.end(), uint8_t{0}));
    ColumnChunkReader& reader = *readers_[i];
    while (starts <= rows && reader.entries_left() > 0) {
      const size_t old_size = buffer.repetition.size();
      if (old_size >= kMaxBufferedEntries) {
        return ResourceExhausted("{}: a row holds more than {} values", context_,
                                 kMaxBufferedEntries);
      }
      const size_t step = static_cast<size_t>(std::min<uint64_t>(
          {reader.entries_left(), std::max(kReadStep, rows), kMaxBufferedEntries - old_size}));
      LARDER_RETURN_IF_ERROR(
          reader.ReadEntries(step, &buffer.definition, &buffer.repetition, buffer.values.get()));
      starts += static_cast<size_t>(
          std::count(buffer.repetition.begin() + static_cast<ptrdiff_t>(old_size),
                     buffer.repetition.end(), uint8_t{0}));
    }
  }
  return Status::OK();
}

Status NestedColumnReader::ReadRows(size_t rows, ColumnVector* out) {
  LARDER_RETURN_IF_ERROR(Fill(rows));
  for (size_t row = 0; row < rows; ++row) {
    for (const LeafBuffer& buffer : buffers_) {
      if (buffer.level_next >= buffer.repetition.size()) {
        return Corruption("{}: its leaf columns hold fewer rows than the row group", context_);
      }
      if (buffer.repetition[buffer.level_next] != 0) return Inconsistent();
    }
    LARDER_RETURN_IF_ERROR(AppendNode(field_->node, out));
  }
  return Status::OK();
}

Status NestedColumnReader::PeekDefinition(const SchemaNode& node, uint8_t* level) {
  const LeafBuffer& buffer =
      buffers_[static_cast<size_t>(node.first_leaf - field_->node.first_leaf)];
  if (buffer.level_next >= buffer.definition.size()) return Inconsistent();
  *level = buffer.definition[buffer.level_next];
  return Status::OK();
}

Status NestedColumnReader::SkipEntries(const SchemaNode& node) {
  for (int leaf = node.first_leaf; leaf < node.end_leaf; ++leaf) {
    LeafBuffer& buffer = buffers_[static_cast<size_t>(leaf - field_->node.first_leaf)];
    if (buffer.level_next >= buffer.definition.size() ||
        buffer.definition[buffer.level_next] ==
            (*leaves_)[static_cast<size_t>(leaf)].max_definition_level) {
      return Inconsistent();
    }
    ++buffer.level_next;
  }
  return Status::OK();
}

bool NestedColumnReader::IsAlwaysNull(const SchemaNode& node) const {
  return (*leaves_)[static_cast<size_t>(node.leaf)].kind == ValueKind::kNull;
}

bool NestedColumnReader::NextElementFollows(const SchemaNode& node) const {
  const LeafBuffer& buffer =
      buffers_[static_cast<size_t>(node.first_leaf - field_->node.first_leaf)];
  return buffer.level_next < buffer.repetition.size() &&
         buffer.repetition[buffer.level_next] == node.element_repetition_level;
}

Status NestedColumnReader::AppendNode(const SchemaNode& node, ColumnVector* out) {
  uint8_t level;
  LARDER_RETURN_IF_ERROR(PeekDefinition(node, &level));
  if (level < node.definition_level) {
    if (!node.optional || level + 1 < node.definition_level) return Inconsistent();
    LARDER_RETURN_IF_ERROR(SkipEntries(node));
    out->AppendNull();
    return Status::OK();
  }
  switch (node.shape) {
    case SchemaNode::Shape::kLeaf: {
      LeafBuffer& buffer = buffers_[static_cast<size_t>(node.leaf - field_->node.first_leaf)];
      if (buffer.value_next >= buffer.values->size()) return Inconsistent();
      if (IsAlwaysNull(node)) {
        out->AppendNull();
      } else {
        AppendOne(*buffer.values, buffer.value_next, out);
      }
      ++buffer.value_next;
      ++buffer.level_next;
      return Status::OK();
    }
    case SchemaNode::Shape::kList:
      return AppendList(node, out);
    case SchemaNode::Shape::kStruct:
    case SchemaNode::Shape::kMap:
      scratch_.clear();
      LARDER_RETURN_IF_ERROR(AppendJson(node, &scratch_));
      out->AppendString(scratch_);
      return Status::OK();
  }
  return Status::OK();
}

Status NestedColumnReader::AppendList(const SchemaNode& node, ColumnVector* out) {
  uint8_t level;
  LARDER_RETURN_IF_ERROR(PeekDefinition(node, &level));
  if (level < node.element_definition_level) {
    LARDER_RETURN_IF_ERROR(SkipEntries(node));
    out->AppendArrayRow(0);
    return Status::OK();
  }
  uint32_t elements = 0;
  do {
    LARDER_RETURN_IF_ERROR(AppendNode(node.children[0], out->mutable_child()));
    ++elements;
  } while (NextElementFollows(node));
  out->AppendArrayRow(elements);
  return Status::OK();
}

Status NestedColumnReader::AppendJson(const SchemaNode& node, std::string* out) {
  uint8_t level;
  LARDER_RETURN_IF_ERROR(PeekDefinition(node, &level));
  if (level < node.definition_level) {
    // Only the node itself may be missing: its parent is present.
    if (!node.optional || level + 1 < node.definition_level) return Inconsistent();
    out->append("null");
    return SkipEntries(node);
  }
  switch (node.shape) {
    case SchemaNode::Shape::kLeaf: {
      LeafBuffer& buffer = buffers_[static_cast<size_t>(node.leaf - field_->node.first_leaf)];
      if (buffer.value_next >= buffer.values->size()) return Inconsistent();
      if (IsAlwaysNull(node)) {
        out->append("null");
      } else {
        AppendJsonValue(*buffer.values, buffer.value_next, out);
      }
      ++buffer.value_next;
      ++buffer.level_next;
      return Status::OK();
    }
    case SchemaNode::Shape::kStruct:
      out->push_back('{');
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonString(node.children[i].name, out);
        out->push_back(':');
        LARDER_RETURN_IF_ERROR(AppendJson(node.children[i], out));
      }
      out->push_back('}');
      return Status::OK();
    case SchemaNode::Shape::kList:
    case SchemaNode::Shape::kMap:
      return AppendJsonElements(node, out);
  }
  return Status::OK();
}

Status NestedColumnReader::AppendJsonElements(const SchemaNode& node, std::string* out) {
  const bool is_map = node.shape == SchemaNode::Shape::kMap;
  out->push_back(is_map ? '{' : '[');
  uint8_t level;
  LARDER_RETURN_IF_ERROR(PeekDefinition(node, &level));
  if (level < node.element_definition_level) {
    LARDER_RETURN_IF_ERROR(SkipEntries(node));
    out->push_back(is_map ? '}' : ']');
    return Status::OK();
  }
  bool first = true;
  do {
    if (!first) out->push_back(',');
    first = false;
    if (!is_map) {
      LARDER_RETURN_IF_ERROR(AppendJson(node.children[0], out));
      continue;
    }
    // Keys are strings in JSON: a key of another type is written as its JSON text.
    std::string key;
    LARDER_RETURN_IF_ERROR(AppendJson(node.children[0], &key));
    if (key.starts_with('"')) {
      out->append(key);
    } else {
      AppendJsonString(key, out);
    }
    out->push_back(':');
    if (node.children.size() > 1) {
      LARDER_RETURN_IF_ERROR(AppendJson(node.children[1], out));
    } else {
      out->append("null");
    }
  } while (NextElementFollows(node));
  out->push_back(is_map ? '}' : ']');
  return Status::OK();
}

}  // namespace larder::formats::parquet
