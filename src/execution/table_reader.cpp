#include "execution/table_reader.h"

namespace larder::execution {
namespace {

class MemoryScanner : public TableScanner {
 public:
  MemoryScanner(const std::vector<Batch>* batches, std::vector<int> fields)
      : batches_(batches), fields_(std::move(fields)) {}
  size_t MorselCount() const override { return batches_->size(); }
  size_t MorselRows(size_t morsel) const override { return (*batches_)[morsel].num_rows(); }
  Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const override {
    return (*batches_)[morsel].columns[fields_[column]].Clone();
  }
  std::optional<storage::ZoneMap> MorselZoneMap(size_t morsel, size_t column) const override {
    const ColumnVector& values = (*batches_)[morsel].columns[fields_[column]];
    return storage::ComputeZoneMap(values, 0, values.size());
  }

 private:
  const std::vector<Batch>* batches_;
  std::vector<int> fields_;
};

// Owns its rows; morsels are slices of kBatchMorselRows rows.
class OwnedBatchScanner : public TableScanner {
 public:
  static constexpr size_t kBatchMorselRows = 1 << 16;
  OwnedBatchScanner(Batch batch, std::vector<int> fields)
      : batch_(std::move(batch)), fields_(std::move(fields)) {}
  size_t MorselCount() const override {
    return (batch_.num_rows() + kBatchMorselRows - 1) / kBatchMorselRows;
  }
  size_t MorselRows(size_t morsel) const override {
    return std::min(kBatchMorselRows, batch_.num_rows() - morsel * kBatchMorselRows);
  }
  Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const override {
    const ColumnVector& source = batch_.columns[fields_[column]];
    ColumnVector slice(source.type());
    slice.AppendRange(source, morsel * kBatchMorselRows, MorselRows(morsel));
    return slice;
  }

 private:
  Batch batch_;
  std::vector<int> fields_;
};

}  // namespace

Result<std::unique_ptr<TableScanner>> ScanBatch(Batch batch, const std::string& table,
                                                const std::vector<std::string>& columns) {
  std::vector<int> fields;
  for (const std::string& column : columns) {
    int field = batch.schema.FindField(column);
    if (field < 0) return NotFound("table {} has no column {}", table, column);
    fields.push_back(field);
  }
  return std::unique_ptr<TableScanner>(new OwnedBatchScanner(std::move(batch), std::move(fields)));
}

Result<std::unique_ptr<TableScanner>> MemoryTables::OpenScan(
    const std::string& table, const std::vector<std::string>& columns,
    const std::vector<storage::ColumnPredicate>&) {
  auto it = tables_.find(table);
  if (it == tables_.end()) return NotFound("table {} does not exist", table);
  std::vector<int> fields;
  for (const std::string& column : columns) {
    int field = it->second.empty() ? 0 : it->second.front().schema.FindField(column);
    if (field < 0) return NotFound("table {} has no column {}", table, column);
    fields.push_back(field);
  }
  return std::unique_ptr<TableScanner>(new MemoryScanner(&it->second, std::move(fields)));
}

}  // namespace larder::execution
