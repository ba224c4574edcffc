#include "formats/parquet/thrift_compact.h"

namespace larder::formats::parquet {
namespace {

using Reader = ThriftCompactReader;

// Tracks the required fields a struct has seen; `Check` names the first one missing.
class RequiredFields {
 public:
  RequiredFields(std::string_view struct_name, std::initializer_list<const char*> names)
      : struct_name_(struct_name) {
    for (const char* name : names) names_[count_++] = name;
  }
  void Saw(size_t index) { seen_ |= uint32_t{1} << index; }
  Status Check() const {
    for (size_t i = 0; i < count_; ++i) {
      if ((seen_ & (uint32_t{1} << i)) == 0) {
        return Corruption("malformed Thrift metadata: {} lacks its required field {}", struct_name_,
                          names_[i]);
      }
    }
    return Status::OK();
  }

 private:
  std::string_view struct_name_;
  const char* names_[8] = {};
  size_t count_ = 0;
  uint32_t seen_ = 0;
};

template <typename Enum>
Status ReadEnum(Reader* reader, ThriftType type, Enum* value) {
  int32_t raw;
  LARDER_RETURN_IF_ERROR(reader->ReadI32(type, &raw));
  *value = static_cast<Enum>(raw);
  return Status::OK();
}

// Reads a list whose elements `read_element(element_type)` reads one at a time.
template <typename ReadElement>
Status ReadList(Reader* reader, ThriftType type, ReadElement&& read_element) {
  ThriftType element_type;
  uint32_t size;
  LARDER_RETURN_IF_ERROR(reader->ReadListHeader(type, &element_type, &size));
  for (uint32_t i = 0; i < size; ++i) LARDER_RETURN_IF_ERROR(read_element(element_type));
  return Status::OK();
}

Status ReadTimeUnit(Reader* reader, ThriftType type, TimeUnit* unit) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  return reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    if (id >= 1 && id <= 3) *unit = static_cast<TimeUnit>(id - 1);
    return reader->Skip(field_type);
  });
}

// TimestampType and TimeType: {1: isAdjustedToUTC, 2: unit}.
Status ReadTimeAnnotation(Reader* reader, ThriftType type, LogicalTypeAnnotation* annotation) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  return reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    if (id == 1) return reader->ReadBool(field_type, &annotation->adjusted_to_utc);
    if (id == 2) return ReadTimeUnit(reader, field_type, &annotation->unit);
    return reader->Skip(field_type);
  });
}

Status ReadLogicalType(Reader* reader, ThriftType type, LogicalTypeAnnotation* annotation) {
  using Kind = LogicalTypeAnnotation::Kind;
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  return reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    static constexpr Kind kKinds[] = {
        Kind::kOther,   Kind::kString,  Kind::kMap,      Kind::kList,      Kind::kEnum,
        Kind::kDecimal, Kind::kDate,    Kind::kTime,     Kind::kTimestamp, Kind::kOther,
        Kind::kInteger, Kind::kUnknown, Kind::kJson,     Kind::kBson,      Kind::kUuid,
        Kind::kFloat16, Kind::kVariant, Kind::kGeometry, Kind::kGeography};
    annotation->kind =
        id > 0 && id < static_cast<int16_t>(std::size(kKinds)) ? kKinds[id] : Kind::kOther;
    LARDER_RETURN_IF_ERROR(reader->ExpectStruct(field_type));
    switch (annotation->kind) {
      case Kind::kDecimal:
        return reader->ReadStruct([&](int16_t field, ThriftType value_type) -> Status {
          if (field == 1) return reader->ReadI32(value_type, &annotation->scale);
          if (field == 2) return reader->ReadI32(value_type, &annotation->precision);
          return reader->Skip(value_type);
        });
      case Kind::kTime:
      case Kind::kTimestamp:
        return ReadTimeAnnotation(reader, field_type, annotation);
      case Kind::kInteger:
        return reader->ReadStruct([&](int16_t field, ThriftType value_type) -> Status {
          if (field == 1) return reader->ReadI32(value_type, &annotation->bit_width);
          if (field == 2) return reader->ReadBool(value_type, &annotation->is_signed);
          return reader->Skip(value_type);
        });
      default:
        return reader->Skip(field_type);
    }
  });
}

Status ReadSchemaElement(Reader* reader, SchemaElement* element) {
  RequiredFields required("SchemaElement", {"name"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    switch (id) {
      case 1: {
        PhysicalType physical;
        LARDER_RETURN_IF_ERROR(ReadEnum(reader, type, &physical));
        element->type = physical;
        return Status::OK();
      }
      case 2:
        return reader->ReadI32(type, &element->type_length);
      case 3: {
        Repetition repetition;
        LARDER_RETURN_IF_ERROR(ReadEnum(reader, type, &repetition));
        element->repetition = repetition;
        return Status::OK();
      }
      case 4:
        required.Saw(0);
        return reader->ReadBinary(type, &element->name);
      case 5:
        return reader->ReadI32(type, &element->num_children);
      case 6: {
        ConvertedType converted;
        LARDER_RETURN_IF_ERROR(ReadEnum(reader, type, &converted));
        element->converted_type = converted;
        return Status::OK();
      }
      case 7:
        return reader->ReadI32(type, &element->scale);
      case 8:
        return reader->ReadI32(type, &element->precision);
      case 10:
        return ReadLogicalType(reader, type, &element->logical_type);
      default:
        return reader->Skip(type);
    }
  }));
  return required.Check();
}

Status ReadStatistics(Reader* reader, ThriftType type, Statistics* statistics) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  return reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    auto read_binary = [&](std::optional<std::string>* field) {
      field->emplace();
      return reader->ReadBinary(field_type, &**field);
    };
    auto read_i64 = [&](std::optional<int64_t>* field) {
      field->emplace();
      return reader->ReadI64(field_type, &**field);
    };
    switch (id) {
      case 1:
        return read_binary(&statistics->max);
      case 2:
        return read_binary(&statistics->min);
      case 3:
        return read_i64(&statistics->null_count);
      case 4:
        return read_i64(&statistics->distinct_count);
      case 5:
        return read_binary(&statistics->max_value);
      case 6:
        return read_binary(&statistics->min_value);
      default:
        return reader->Skip(field_type);
    }
  });
}

Status ReadStringList(Reader* reader, ThriftType type, std::vector<std::string>* out) {
  return ReadList(reader, type, [&](ThriftType element_type) {
    out->emplace_back();
    return reader->ReadBinary(element_type, &out->back());
  });
}

Status ReadColumnMetaData(Reader* reader, ThriftType type, ColumnMetaData* meta) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  RequiredFields required("ColumnMetaData", {"type", "path_in_schema", "codec", "num_values",
                                             "total_compressed_size", "data_page_offset"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    switch (id) {
      case 1:
        required.Saw(0);
        return ReadEnum(reader, field_type, &meta->type);
      case 2:
        return ReadList(reader, field_type, [&](ThriftType element_type) {
          meta->encodings.emplace_back();
          return ReadEnum(reader, element_type, &meta->encodings.back());
        });
      case 3:
        required.Saw(1);
        return ReadStringList(reader, field_type, &meta->path_in_schema);
      case 4:
        required.Saw(2);
        return ReadEnum(reader, field_type, &meta->codec);
      case 5:
        required.Saw(3);
        return reader->ReadI64(field_type, &meta->num_values);
      case 6:
        return reader->ReadI64(field_type, &meta->total_uncompressed_size);
      case 7:
        required.Saw(4);
        return reader->ReadI64(field_type, &meta->total_compressed_size);
      case 9:
        required.Saw(5);
        return reader->ReadI64(field_type, &meta->data_page_offset);
      case 10:
        meta->index_page_offset.emplace();
        return reader->ReadI64(field_type, &*meta->index_page_offset);
      case 11:
        meta->dictionary_page_offset.emplace();
        return reader->ReadI64(field_type, &*meta->dictionary_page_offset);
      case 12:
        meta->statistics.emplace();
        return ReadStatistics(reader, field_type, &*meta->statistics);
      default:
        return reader->Skip(field_type);
    }
  }));
  return required.Check();
}

Status ReadColumnChunk(Reader* reader, ColumnChunk* chunk) {
  return reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    switch (id) {
      case 1:
        return reader->ReadBinary(type, &chunk->file_path);
      case 2:
        return reader->ReadI64(type, &chunk->file_offset);
      case 3:
        chunk->meta_data.emplace();
        return ReadColumnMetaData(reader, type, &*chunk->meta_data);
      case 8:
      case 9:
        chunk->encrypted = true;
        return reader->Skip(type);
      default:
        return reader->Skip(type);
    }
  });
}

Status ReadRowGroup(Reader* reader, RowGroup* row_group) {
  RequiredFields required("RowGroup", {"columns", "num_rows"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    switch (id) {
      case 1:
        required.Saw(0);
        return ReadList(reader, type, [&](ThriftType element_type) {
          LARDER_RETURN_IF_ERROR(reader->ExpectStruct(element_type));
          row_group->columns.emplace_back();
          return ReadColumnChunk(reader, &row_group->columns.back());
        });
      case 2:
        return reader->ReadI64(type, &row_group->total_byte_size);
      case 3:
        required.Saw(1);
        return reader->ReadI64(type, &row_group->num_rows);
      case 5:
        row_group->file_offset.emplace();
        return reader->ReadI64(type, &*row_group->file_offset);
      case 6:
        row_group->total_compressed_size.emplace();
        return reader->ReadI64(type, &*row_group->total_compressed_size);
      default:
        return reader->Skip(type);
    }
  }));
  return required.Check();
}

Status ReadKeyValue(Reader* reader, KeyValue* key_value) {
  RequiredFields required("KeyValue", {"key"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    if (id == 1) {
      required.Saw(0);
      return reader->ReadBinary(type, &key_value->key);
    }
    if (id == 2) {
      key_value->value.emplace();
      return reader->ReadBinary(type, &*key_value->value);
    }
    return reader->Skip(type);
  }));
  return required.Check();
}

Status ReadColumnOrder(Reader* reader, ColumnOrder* order) {
  *order = ColumnOrder::kUndefined;
  return reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    *order = id == 1   ? ColumnOrder::kTypeDefined
             : id == 2 ? ColumnOrder::kIeee754Total
                       : ColumnOrder::kOther;
    return reader->Skip(type);
  });
}

Status ReadFileMetaData(Reader* reader, FileMetaData* metadata) {
  RequiredFields required("FileMetaData", {"version", "schema", "num_rows", "row_groups"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType type) -> Status {
    auto read_structs = [&](auto* list, auto read_one) {
      return ReadList(reader, type, [&](ThriftType element_type) {
        LARDER_RETURN_IF_ERROR(reader->ExpectStruct(element_type));
        list->emplace_back();
        return read_one(reader, &list->back());
      });
    };
    switch (id) {
      case 1:
        required.Saw(0);
        return reader->ReadI32(type, &metadata->version);
      case 2:
        required.Saw(1);
        return read_structs(&metadata->schema, ReadSchemaElement);
      case 3:
        required.Saw(2);
        return reader->ReadI64(type, &metadata->num_rows);
      case 4:
        required.Saw(3);
        return read_structs(&metadata->row_groups, ReadRowGroup);
      case 5:
        return read_structs(&metadata->key_value_metadata, ReadKeyValue);
      case 6:
        return reader->ReadBinary(type, &metadata->created_by);
      case 7:
        return read_structs(&metadata->column_orders, ReadColumnOrder);
      case 8:
        metadata->encrypted = true;
        return reader->Skip(type);
      default:
        return reader->Skip(type);
    }
  }));
  return required.Check();
}

Status ReadDataPageHeader(Reader* reader, ThriftType type, DataPageHeader* header) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  RequiredFields required("DataPageHeader", {"num_values", "encoding"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    switch (id) {
      case 1:
        required.Saw(0);
        return reader->ReadI32(field_type, &header->num_values);
      case 2:
        required.Saw(1);
        return ReadEnum(reader, field_type, &header->encoding);
      case 3:
        return ReadEnum(reader, field_type, &header->definition_level_encoding);
      case 4:
        return ReadEnum(reader, field_type, &header->repetition_level_encoding);
      default:
        return reader->Skip(field_type);
    }
  }));
  return required.Check();
}

Status ReadDataPageHeaderV2(Reader* reader, ThriftType type, DataPageHeaderV2* header) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  RequiredFields required("DataPageHeaderV2",
                          {"num_values", "num_nulls", "num_rows", "encoding",
                           "definition_levels_byte_length", "repetition_levels_byte_length"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    if (id >= 1 && id <= 6) required.Saw(static_cast<size_t>(id - 1));
    switch (id) {
      case 1:
        return reader->ReadI32(field_type, &header->num_values);
      case 2:
        return reader->ReadI32(field_type, &header->num_nulls);
      case 3:
        return reader->ReadI32(field_type, &header->num_rows);
      case 4:
        return ReadEnum(reader, field_type, &header->encoding);
      case 5:
        return reader->ReadI32(field_type, &header->definition_levels_byte_length);
      case 6:
        return reader->ReadI32(field_type, &header->repetition_levels_byte_length);
      case 7:
        return reader->ReadBool(field_type, &header->is_compressed);
      default:
        return reader->Skip(field_type);
    }
  }));
  return required.Check();
}

Status ReadDictionaryPageHeader(Reader* reader, ThriftType type, DictionaryPageHeader* header) {
  LARDER_RETURN_IF_ERROR(reader->ExpectStruct(type));
  RequiredFields required("DictionaryPageHeader", {"num_values"});
  LARDER_RETURN_IF_ERROR(reader->ReadStruct([&](int16_t id, ThriftType field_type) -> Status {
    switch (id) {
      case 1:
        required.Saw(0);
        return reader->ReadI32(field_type, &header->num_values);
      case 2:
        return ReadEnum(reader, field_type, &header->encoding);
      case 3:
        return reader->ReadBool(field_type, &header->is_sorted);
      default:
        return reader->Skip(field_type);
    }
  }));
  return required.Check();
}

}  // namespace

Status DecodeFileMetaData(std::string_view data, FileMetaData* metadata) {
  Reader reader(data);
  return ReadFileMetaData(&reader, metadata);
}

Status DecodePageHeader(std::string_view data, PageHeader* header, size_t* header_size) {
  Reader reader(data);
  RequiredFields required("PageHeader", {"type", "uncompressed_page_size", "compressed_page_size"});
  LARDER_RETURN_IF_ERROR(reader.ReadStruct([&](int16_t id, ThriftType type) -> Status {
    switch (id) {
      case 1:
        required.Saw(0);
        return ReadEnum(&reader, type, &header->type);
      case 2:
        required.Saw(1);
        return reader.ReadI32(type, &header->uncompressed_page_size);
      case 3:
        required.Saw(2);
        return reader.ReadI32(type, &header->compressed_page_size);
      case 5:
        header->data_page_header.emplace();
        return ReadDataPageHeader(&reader, type, &*header->data_page_header);
      case 7:
        header->dictionary_page_header.emplace();
        return ReadDictionaryPageHeader(&reader, type, &*header->dictionary_page_header);
      case 8:
        header->data_page_header_v2.emplace();
        return ReadDataPageHeaderV2(&reader, type, &*header->data_page_header_v2);
      default:
        return reader.Skip(type);
    }
  }));
  LARDER_RETURN_IF_ERROR(required.Check());
  *header_size = reader.position();
  return Status::OK();
}

}  // namespace larder::formats::parquet
