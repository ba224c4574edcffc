// Writes Parquet fixtures with two independent writers — parquet-wasm (Rust's parquet crate, from
// Arrow tables built with apache-arrow) and hyparquet-writer (pure JavaScript) — covering every
// type, encoding and codec they write, with NULLs, plus OUT/expected.json: the values Larder
// must read back (format in parquet_fixtures.cpp). Files Larder must refuse are listed with the
// error expected.
//
//   node make_parquet_fixtures.mjs OUT
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as A from 'apache-arrow';
import wasm from 'parquet-wasm';
import { parquetWriteFile } from 'hyparquet-writer';

const { Table, WriterPropertiesBuilder, Compression, WriterVersion, Encoding, writeParquet } = wasm;

const out = process.argv[2];
if (!out) {
  console.error('usage: node make_parquet_fixtures.mjs OUT');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const cases = [];

// ---------------------------------------------------------------------------------------------
// Deterministic data

let seed = 12345;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const randomInt = (low, high) => low + Math.floor(random() * (high - low + 1));
const ROWS = Number(process.env.FIXTURE_ROWS || 1500);
// Every fifth-ish row NULL, by a fixed pattern per column.
const maybeNull = (value, row, salt) => ((row * 7 + salt) % 5 === 0 ? null : value);

// Expected-value spellings (see parquet_fixtures.cpp).
const text = (value) => (value === null ? null : String(value));
function decimalText(unscaled, scale) {
  if (unscaled === null) return null;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  while (digits.length <= scale) digits = '0' + digits;
  if (scale > 0) digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(-scale);
  return (negative ? '-' : '') + digits;
}
const dateText = (days) =>
  days === null ? null : new Date(days * 86400000).toISOString().slice(0, 10);
function timeText(ticks, digits) {
  if (ticks === null) return null;
  const perSecond = 10n ** BigInt(digits);
  const value = BigInt(ticks);
  const seconds = value / perSecond;
  const pad = (n, width) => n.toString().padStart(width, '0');
  return `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}` +
    `.${pad(value % perSecond, digits)}`;
}
const floatValue = (value) =>
  value === null ? null : Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity'
    : value === -Infinity ? '-Infinity' : value;
const hex = (bytes) => (bytes === null ? null : { hex: Buffer.from(bytes).toString('hex') });
function uuidText(bytes) {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const floorDiv = (a, b) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

// ---------------------------------------------------------------------------------------------
// parquet-wasm: Arrow tables written by Rust's parquet crate

function fixed(type, ArrayType, values) {
  const data = new ArrayType(values.length);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((value, i) => {
    if (value === null) {
      nulls++;
    } else {
      data[i] = value;
      bitmap[i >> 3] |= 1 << (i & 7);
    }
  });
  return A.makeVector(A.makeData({ type, length: values.length, data,
    nullBitmap: nulls ? bitmap : undefined, nullCount: nulls }));
}

function decimals(precision, scale, values) {
  const data = new Uint32Array(values.length * 4);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((value, i) => {
    if (value === null) {
      nulls++;
      return;
    }
    let bits = BigInt.asUintN(128, value);
    for (let word = 0; word < 4; word++) {
      data[i * 4 + word] = Number(bits & 0xffffffffn);
      bits >>= 32n;
    }
    bitmap[i >> 3] |= 1 << (i & 7);
  });
  return A.makeVector(A.makeData({ type: new A.Decimal(scale, precision, 128),
    length: values.length, data, nullBitmap: nulls ? bitmap : undefined, nullCount: nulls }));
}

const field = (name, type, nullable = true) => new A.Field(name, type, nullable);

// Columns: [name, Arrow vector, Larder type, expected values].
function arrowColumns() {
  const rows = [...Array(ROWS).keys()];
  const columns = [];
  const add = (name, vector, type, expected) => columns.push({ name, vector, type, expected });

  const i8 = rows.map((r) => maybeNull(randomInt(-128, 127), r, 1));
  add('i8', fixed(new A.Int8(), Int8Array, i8), 'Nullable(Int64)', i8.map(text));
  const i16 = rows.map((r) => maybeNull(randomInt(-32768, 32767), r, 2));
  add('i16', fixed(new A.Int16(), Int16Array, i16), 'Nullable(Int64)', i16.map(text));
  const i32 = rows.map((r) => maybeNull(r % 10 === 3 ? -2147483648 : randomInt(-1e9, 1e9), r, 3));
  add('i32', fixed(new A.Int32(), Int32Array, i32), 'Nullable(Int64)', i32.map(text));
  // Required, sorted (DELTA_BINARY_PACKED's best case) with big jumps now and then.
  const i64 = rows.map((r) => BigInt(r) * 1000003n + (r % 97 === 0 ? 9007199254740993n : 0n));
  add('i64', A.makeVector(A.makeData({ type: new A.Int64(), length: ROWS,
    data: new BigInt64Array(i64) })), 'Int64', i64.map(text));
  const i64n = rows.map((r) => maybeNull(r % 13 === 0 ? -9223372036854775808n
    : BigInt(randomInt(-1e6, 1e6)) * 1000000007n, r, 4));
  // field nullable by default
  add('i64n', fixed(new A.Int64(), BigInt64Array, i64n), 'Nullable(Int64)', i64n.map(text));
  const u8 = rows.map((r) => maybeNull(randomInt(0, 255), r, 0));
  add('u8', fixed(new A.Uint8(), Uint8Array, u8), 'Nullable(Int64)', u8.map(text));
  const u16 = rows.map((r) => maybeNull(randomInt(0, 65535), r, 1));
  add('u16', fixed(new A.Uint16(), Uint16Array, u16), 'Nullable(Int64)', u16.map(text));
  const u32 = rows.map((r) => maybeNull(r % 3 === 0 ? 4294967295 : randomInt(0, 4294967295), r, 2));
  add('u32', fixed(new A.Uint32(), Uint32Array, u32), 'Nullable(Int64)', u32.map(text));
  const u64 = rows.map((r) => maybeNull(r % 4 === 0 ? 18446744073709551615n
    : BigInt(randomInt(0, 1e9)) * 17179869184n, r, 3));
  add('u64', fixed(new A.Uint64(), BigUint64Array, u64), 'Nullable(Decimal(38, 0))',
    u64.map(text));

  const specials = [NaN, Infinity, -Infinity, -0, 3.4028234663852886e38];
  const f32 = rows.map((r) => maybeNull(r % 50 === 7 ? specials[r % 5]
    : Math.fround(random() * 2000 - 1000), r, 4));
  add('f32', fixed(new A.Float32(), Float32Array, f32), 'Nullable(Float64)', f32.map(floatValue));
  const f64 = rows.map((r) => maybeNull(r % 50 === 9 ? specials[r % 5] : random() * 1e12 - 5e11,
    r, 0));
  add('f64', fixed(new A.Float64(), Float64Array, f64), 'Nullable(Float64)', f64.map(floatValue));
  const halves = [1.5, -2, 0.25, 65504, -0.0009765625, 0];
  const f16 = rows.map((r) => maybeNull(halves[r % halves.length], r, 1));
  add('f16', A.vectorFromArray(f16, new A.Float16()), 'Nullable(Float64)', f16.map(floatValue));
  const bools = rows.map((r) => maybeNull(random() < 0.3, r, 2));
  add('flag', A.vectorFromArray(bools, new A.Bool()), 'Nullable(Bool)', bools);

  const words = ['', 'pageview', 'click', 'signup', 'ünïcødé ✓', 'a "quoted" \\ word', 'x'.repeat(300)];
  const strings = rows.map((r) => maybeNull(r % 11 === 0 ? `unique-${r}-${randomInt(0, 1e6)}`
    : words[randomInt(0, words.length - 1)], r, 3));
  add('name', A.vectorFromArray(strings, new A.Utf8()), 'Nullable(String)', strings);
  const prefixed = rows.map((r) => `https://example.com/path/${Math.floor(r / 3)}/item-${r % 3}`);
  add('url', A.vectorFromArray(prefixed, new A.Utf8()), 'Nullable(String)', prefixed);
  const dictionary = rows.map((r) => maybeNull(['us', 'de', 'fr'][r % 3], r, 4));
  add('country', A.vectorFromArray(dictionary, new A.Dictionary(new A.Utf8(), new A.Int32())),
    'Nullable(String)', dictionary);
  const binary = rows.map((r) => maybeNull(Uint8Array.from({ length: r % 9 },
    () => randomInt(0, 255)), r, 0));
  add('blob', A.vectorFromArray(binary, new A.Binary()), 'Nullable(String)', binary.map(hex));
  const fsb = rows.map((r) => maybeNull(Uint8Array.from({ length: 4 }, () => randomInt(0, 255)),
    r, 1));
  add('fsb', A.vectorFromArray(fsb, new A.FixedSizeBinary(4)), 'Nullable(String)', fsb.map(hex));

  const days = rows.map((r) => maybeNull(randomInt(-25000, 40000), r, 2));
  add('day', fixed(new A.DateDay(), Int32Array, days), 'Nullable(Date)', days.map(dateText));
  const seconds = rows.map((r) => maybeNull(BigInt(randomInt(-2e9, 4e9)), r, 3));
  // Written as a plain INT64 (seconds survive only in the Arrow schema kept in the metadata).
  add('ts_s', fixed(new A.TimestampSecond(), BigInt64Array, seconds), 'Nullable(Int64)',
    seconds.map(text));
  const millis = rows.map((r) => maybeNull(BigInt(randomInt(-2e9, 4e9)) * 1000n +
    BigInt(randomInt(0, 999)), r, 4));
  add('ts_ms', fixed(new A.TimestampMillisecond(), BigInt64Array, millis), 'Nullable(DateTime)',
    millis.map((ms) => text(ms === null ? null : ms * 1000n)));
  const micros = rows.map((r) => maybeNull(BigInt(randomInt(-2e9, 4e9)) * 1000000n +
    BigInt(randomInt(0, 999999)), r, 0));
  add('ts_us', fixed(new A.TimestampMicrosecond(), BigInt64Array, micros), 'Nullable(DateTime)',
    micros.map(text));
  add('ts_us_utc', fixed(new A.Timestamp(A.TimeUnit.MICROSECOND, 'UTC'), BigInt64Array, micros),
    'Nullable(DateTime)', micros.map(text));
  const nanos = rows.map((r) => maybeNull(BigInt(randomInt(-2e9, 4e9)) * 1000000000n +
    BigInt(randomInt(0, 999999999)), r, 1));
  add('ts_ns', fixed(new A.Timestamp(A.TimeUnit.NANOSECOND, '+01:00'), BigInt64Array, nanos),
    'Nullable(DateTime)', nanos.map((ns) => text(ns === null ? null : floorDiv(ns, 1000n))));

  const timeMillis = rows.map((r) => maybeNull(randomInt(0, 86399999), r, 2));
  add('t_ms', fixed(new A.TimeMillisecond(), Int32Array, timeMillis), 'Nullable(String)',
    timeMillis.map((t) => timeText(t, 3)));
  const timeMicros = rows.map((r) => maybeNull(BigInt(randomInt(0, 86399999)) * 1000n + 7n, r, 3));
  add('t_us', fixed(new A.TimeMicrosecond(), BigInt64Array, timeMicros), 'Nullable(String)',
    timeMicros.map((t) => timeText(t, 6)));
  const timeNanos = rows.map((r) => maybeNull(BigInt(randomInt(0, 86399999)) * 1000000n + 11n,
    r, 4));
  add('t_ns', fixed(new A.TimeNanosecond(), BigInt64Array, timeNanos), 'Nullable(String)',
    timeNanos.map((t) => timeText(t, 9)));

  const dec9 = rows.map((r) => maybeNull(BigInt(randomInt(-999999999, 999999999)), r, 0));
  add('dec9', decimals(9, 2, dec9), 'Nullable(Decimal(38, 2))', dec9.map((v) => decimalText(v, 2)));
  const dec18 = rows.map((r) => maybeNull(BigInt(randomInt(-1e9, 1e9)) * 999999937n, r, 1));
  add('dec18', decimals(18, 4, dec18), 'Nullable(Decimal(38, 4))',
    dec18.map((v) => decimalText(v, 4)));
  const dec38 = rows.map((r) => maybeNull(r % 10 === 0 ? -(10n ** 38n - 1n)
    : BigInt(randomInt(-1e9, 1e9)) * 10n ** 25n + BigInt(r), r, 2));
  add('dec38', decimals(38, 10, dec38), 'Nullable(Decimal(38, 10))',
    dec38.map((v) => decimalText(v, 10)));

  // Nested: NULLs at every level.
  const ints = (r) => (r % 6 === 0 ? null : r % 6 === 1 ? [] : Array.from({ length: r % 5 },
    (_, i) => (i === 1 && r % 4 === 0 ? null : r * 10 + i)));
  const lists = rows.map(ints);
  add('list_i32', A.vectorFromArray(lists, new A.List(field('item', new A.Int32()))),
    'Nullable(Array(Nullable(Int64)))', lists.map((l) => l && l.map(text)));
  const stringLists = rows.map((r) => (r % 7 === 0 ? null
    : Array.from({ length: r % 4 }, (_, i) => (i === 2 ? null : words[(r + i) % words.length]))));
  add('list_str', A.vectorFromArray(stringLists, new A.List(field('item', new A.Utf8()))),
    'Nullable(Array(Nullable(String)))', stringLists);
  const listLists = rows.map((r) => (r % 9 === 0 ? null : Array.from({ length: r % 3 },
    (_, i) => (i === 1 && r % 2 === 0 ? null : Array.from({ length: (r + i) % 3 },
      (_, j) => BigInt(r * 100 + i * 10 + j))))));
  add('list_list', A.vectorFromArray(listLists,
    new A.List(field('item', new A.List(field('item', new A.Int64(), false))))),
  'Nullable(Array(Nullable(Array(Int64))))',
  listLists.map((l) => l && l.map((inner) => inner && inner.map(text))));
  const structs = rows.map((r) => (r % 8 === 0 ? null : {
    a: r % 3 === 0 ? null : r,
    b: words[r % words.length],
    c: r % 5 === 0 ? null : [r, r + 1],
  }));
  add('st', A.vectorFromArray(structs, new A.Struct([field('a', new A.Int32()),
    field('b', new A.Utf8()), field('c', new A.List(field('item', new A.Int32())))])),
  'Nullable(JSON)', structs);
  const maps = rows.map((r) => (r % 10 === 0 ? null : new Map(Array.from({ length: r % 4 },
    (_, i) => [`key${i}`, i === 1 ? null : r + i]))));
  add('mp', A.vectorFromArray(maps, new A.Map_(field('entries', new A.Struct([
    field('key', new A.Utf8(), false), field('value', new A.Int32())]), false))),
  'Nullable(JSON)', maps.map((m) => m && Object.fromEntries(m)));
  const listStructs = rows.map((r) => (r % 5 === 0 ? null : Array.from({ length: r % 3 },
    (_, i) => (i === 1 ? null : { x: r + i }))));
  add('list_st', A.vectorFromArray(listStructs,
    new A.List(field('item', new A.Struct([field('x', new A.Int32())])))),
  'Nullable(Array(Nullable(JSON)))', listStructs);
  add('nothing', A.vectorFromArray(rows.map(() => null), new A.Null()), 'Nullable(String)',
    rows.map(() => null));
  return columns;
}

const arrow = arrowColumns();
// Columns are nullable (OPTIONAL) except i64 (REQUIRED).
const arrowSchema = new A.Schema(arrow.map((c) => new A.Field(c.name, c.vector.type,
  c.type.startsWith('Nullable('))));
const arrowTable = new A.Table([new A.RecordBatch(arrowSchema, A.makeData({
  type: new A.Struct(arrowSchema.fields), length: ROWS,
  children: arrow.map((c) => c.vector.data[0]) }))]);
const arrowIpc = A.tableToIPC(arrowTable, 'stream');
const expectedColumns = (columns) =>
  columns.map(({ name, type, expected }) => ({ name, type, values: expected }));

function writeWasm(file, configure) {
  let builder = new WriterPropertiesBuilder()
    .setMaxRowGroupSize(600)
    .setDataPageSizeLimit(1024)
    .setWriteBatchSize(100)
    .setDictionaryPageSizeLimit(2048);
  builder = configure(builder);
  const bytes = writeParquet(Table.fromIPCStream(arrowIpc), builder.build());
  fs.writeFileSync(path.join(out, file), bytes);
}

const codecs = { UNCOMPRESSED: Compression.UNCOMPRESSED, SNAPPY: Compression.SNAPPY,
  GZIP: Compression.GZIP, ZSTD: Compression.ZSTD, LZ4_RAW: Compression.LZ4_RAW };
for (const [codecName, codec] of Object.entries(codecs)) {
  for (const [versionName, version] of [['v1', WriterVersion.V1], ['v2', WriterVersion.V2]]) {
    const file = `wasm_${codecName.toLowerCase()}_${versionName}.parquet`;
    writeWasm(file, (b) => b.setCompression(codec).setWriterVersion(version));
    cases.push({ file, columns: expectedColumns(arrow) });
  }
}

// Encodings other than PLAIN and dictionary, column by column (dictionaries off there).
const encodings = {
  delta: { DELTA_BINARY_PACKED: ['i8', 'i16', 'i32', 'i64', 'i64n', 'u8', 'u16', 'u32', 'u64',
    'day', 'ts_s', 'ts_ms', 'ts_us', 'ts_ns', 't_ms', 't_us', 't_ns', 'dec9', 'dec18'],
  DELTA_LENGTH_BYTE_ARRAY: ['name', 'url', 'blob'] },
  delta_bytes: { DELTA_BYTE_ARRAY: ['name', 'url', 'blob', 'fsb', 'dec38', 'f16'] },
  plain: { PLAIN: ['i32', 'i64', 'name', 'url', 'country', 'flag', 'f64'] },
  byte_stream_split: { BYTE_STREAM_SPLIT: ['f32', 'f64', 'i32', 'i64', 'fsb', 'f16', 'dec38'] },
  rle: { RLE: ['flag'] },
};
for (const [label, byEncoding] of Object.entries(encodings)) {
  for (const [versionName, version] of [['v1', WriterVersion.V1], ['v2', WriterVersion.V2]]) {
    const file = `wasm_${label}_${versionName}.parquet`;
    try {
      writeWasm(file, (b) => {
        let builder = b.setCompression(Compression.SNAPPY).setWriterVersion(version);
        for (const [encoding, names] of Object.entries(byEncoding)) {
          for (const name of names) {
            builder = builder.setColumnDictionaryEnabled(name, false)
              .setColumnEncoding(name, Encoding[encoding]);
          }
        }
        return builder;
      });
    } catch (error) {
      // A combination the writer refuses (e.g. RLE booleans in v1 pages) is left out.
      console.error(`parquet-wasm does not write ${file}: ${error}`);
      continue;
    }
    cases.push({ file, columns: expectedColumns(arrow) });
  }
}

// Codecs Larder refuses, by name.
for (const [codecName, codec] of [['BROTLI', Compression.BROTLI], ['LZ4', Compression.LZ4]]) {
  const file = `wasm_${codecName.toLowerCase()}.parquet`;
  writeWasm(file, (b) => b.setCompression(codec));
  cases.push({ file, error: `compression ${codecName} is not supported` });
}

// ---------------------------------------------------------------------------------------------
// hyparquet-writer

function hyparquetColumns() {
  const rows = [...Array(ROWS).keys()];
  const columns = [];
  const add = (spec, schema, type, expected) => columns.push({ spec, schema, type, expected });
  const optional = (name, extra) => ({ name, repetition_type: 'OPTIONAL', ...extra });

  const bools = rows.map((r) => maybeNull(r % 3 === 0, r, 1));
  add({ name: 'flag', data: bools }, [optional('flag', { type: 'BOOLEAN' })], 'Nullable(Bool)',
    bools);
  const i32 = rows.map((r) => maybeNull(randomInt(-2147483648, 2147483647), r, 2));
  add({ name: 'i32', data: i32 }, [optional('i32', { type: 'INT32' })], 'Nullable(Int64)',
    i32.map(text));
  const i64 = rows.map((r) => maybeNull(BigInt(randomInt(-1e9, 1e9)) * 999999937n, r, 3));
  add({ name: 'i64', data: i64 }, [optional('i64', { type: 'INT64' })], 'Nullable(Int64)',
    i64.map(text));
  const sorted = rows.map((r) => BigInt(r * r));
  add({ name: 'sorted', data: sorted }, [{ name: 'sorted', type: 'INT64',
    repetition_type: 'REQUIRED' }], 'Int64', sorted.map(text));
  const f32 = rows.map((r) => maybeNull(Math.fround(random() * 100 - 50), r, 4));
  add({ name: 'f32', data: f32 }, [optional('f32', { type: 'FLOAT' })], 'Nullable(Float64)', f32);
  const f64 = rows.map((r) => maybeNull(r % 40 === 1 ? NaN : random() * 1e9, r, 0));
  add({ name: 'f64', data: f64 }, [optional('f64', { type: 'DOUBLE' })], 'Nullable(Float64)',
    f64.map(floatValue));
  const words = ['alpha', 'beta', '', 'ünïcødé', 'gamma delta'];
  const strings = rows.map((r) => maybeNull(r % 17 === 0 ? `distinct ${r}`
    : words[r % words.length], r, 1));
  add({ name: 'name', data: strings },
    [optional('name', { type: 'BYTE_ARRAY', converted_type: 'UTF8' })], 'Nullable(String)',
    strings);
  const prefixed = rows.map((r) => maybeNull(`/products/${Math.floor(r / 4)}/reviews`, r, 2));
  add({ name: 'path', data: prefixed },
    [optional('path', { type: 'BYTE_ARRAY', converted_type: 'UTF8' })], 'Nullable(String)',
    prefixed);
  const blobs = rows.map((r) => maybeNull(Uint8Array.from({ length: r % 6 }, (_, i) => (r + i) & 255),
    r, 3));
  add({ name: 'blob', data: blobs }, [optional('blob', { type: 'BYTE_ARRAY' })],
    'Nullable(String)', blobs.map(hex));
  const docs = rows.map((r) => maybeNull({ id: r, tags: ['a', r % 2 === 0 ? 'b' : null],
    nested: { ok: r % 3 === 0 } }, r, 4));
  add({ name: 'doc', data: docs },
    [optional('doc', { type: 'BYTE_ARRAY', converted_type: 'JSON' })], 'Nullable(JSON)', docs);
  const millis = rows.map((r) => maybeNull(randomInt(-1e12, 4e12), r, 0));
  add({ name: 'at', data: millis.map((ms) => (ms === null ? null : new Date(ms))) },
    [optional('at', { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' })],
    'Nullable(DateTime)', millis.map((ms) => text(ms === null ? null : BigInt(ms) * 1000n)));
  const micros = rows.map((r) => maybeNull(BigInt(randomInt(-1e12, 4e12)) * 1000n + 123n, r, 1));
  add({ name: 'at_us', data: micros }, [optional('at_us', { type: 'INT64',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } })],
  'Nullable(DateTime)', micros.map(text));
  const nanos = rows.map((r) => maybeNull(BigInt(randomInt(-1e12, 4e12)) * 1000000n - 1n, r, 2));
  add({ name: 'at_ns', data: nanos }, [optional('at_ns', { type: 'INT64',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' } })],
  'Nullable(DateTime)', nanos.map((ns) => text(ns === null ? null : floorDiv(ns, 1000n))));
  const days = rows.map((r) => maybeNull(randomInt(-30000, 30000), r, 3));
  add({ name: 'day', data: days }, [optional('day', { type: 'INT32', converted_type: 'DATE' })],
    'Nullable(Date)', days.map(dateText));
  const uuids = rows.map((r) => maybeNull(Uint8Array.from({ length: 16 }, () => randomInt(0, 255)),
    r, 4));
  add({ name: 'id', data: uuids }, [optional('id', { type: 'FIXED_LEN_BYTE_ARRAY',
    type_length: 16, logical_type: { type: 'UUID' } })], 'Nullable(UUID)',
  uuids.map((u) => (u === null ? null : uuidText(u))));
  const halves = [0.5, -1, 1024, 6.103515625e-05];
  const f16 = rows.map((r) => maybeNull(halves[r % halves.length], r, 0));
  add({ name: 'f16', data: f16 }, [optional('f16', { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 2,
    logical_type: { type: 'FLOAT16' } })], 'Nullable(Float64)', f16);
  const amounts = rows.map((r) => maybeNull(BigInt(randomInt(-99999999, 99999999)), r, 1));
  add({ name: 'amount', data: amounts },
    [optional('amount', { type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 9 })],
    'Nullable(Decimal(38, 2))', amounts.map((a) => decimalText(a, 2)));
  const big = rows.map((r) => maybeNull(BigInt(randomInt(-1e9, 1e9)) * 10n ** 20n + BigInt(r), r, 2));
  add({ name: 'big', data: big }, [optional('big', { type: 'BYTE_ARRAY', converted_type: 'DECIMAL',
    scale: 6, precision: 38 })], 'Nullable(Decimal(38, 6))', big.map((b) => decimalText(b, 6)));
  const u32 = rows.map((r) => maybeNull(r % 2 ? 4294967295 : r, r, 3));
  add({ name: 'u32', data: u32 }, [optional('u32', { type: 'INT32', converted_type: 'UINT_32' })],
    'Nullable(Int64)', u32.map(text));
  const u64 = rows.map((r) => maybeNull(r % 2 ? 18446744073709551615n : BigInt(r), r, 4));
  add({ name: 'u64', data: u64 }, [optional('u64', { type: 'INT64', converted_type: 'UINT_64' })],
    'Nullable(Decimal(38, 0))', u64.map(text));

  // Nested, by explicit schema.
  const lists = rows.map((r) => (r % 6 === 0 ? null : Array.from({ length: r % 4 },
    (_, i) => (i === 2 ? null : r + i))));
  add({ name: 'tags', data: lists }, [
    { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
  ], 'Nullable(Array(Nullable(Int64)))', lists.map((l) => l && l.map(text)));
  const structs = rows.map((r) => (r % 7 === 0 ? null : { n: r % 2 ? r : null, s: words[r % 5] }));
  const structData = structs.map((s) => s && { ...s, n: s.n === null ? null : BigInt(s.n) });
  add({ name: 'pair', data: structData }, [
    { name: 'pair', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'n', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 's', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  ], 'Nullable(JSON)', structs);
  return columns;
}

const hyparquet = hyparquetColumns();
function hyparquetSchema(columns) {
  const schema = [{ name: 'root', num_children: columns.length }];
  for (const column of columns) schema.push(...column.schema);
  return schema;
}

function writeHyparquet(file, codec, columnOptions = {}) {
  const columns = hyparquet;
  parquetWriteFile({
    filename: path.join(out, file),
    columnData: columns.map((c) => ({ ...c.spec, ...(columnOptions[c.spec.name] || {}) })),
    schema: hyparquetSchema(columns),
    codec,
    compressors: { GZIP: (bytes) => zlib.gzipSync(bytes) },
    rowGroupSize: [200, 700],
    pageSize: 2048,
  });
  cases.push({ file, columns: columns.map(({ spec, type, expected }) =>
    ({ name: spec.name, type, values: expected })) });
}

for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP']) {
  writeHyparquet(`hyparquet_${codec.toLowerCase()}.parquet`, codec);
}
writeHyparquet('hyparquet_encodings.parquet', 'SNAPPY', {
  flag: { encoding: 'RLE' },
  i32: { encoding: 'DELTA_BINARY_PACKED' },
  i64: { encoding: 'DELTA_BINARY_PACKED' },
  sorted: { encoding: 'DELTA_BINARY_PACKED' },
  at: { encoding: 'DELTA_BINARY_PACKED' },
  day: { encoding: 'DELTA_BINARY_PACKED' },
  name: { encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
  blob: { encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
  path: { encoding: 'DELTA_BYTE_ARRAY' },
  doc: { encoding: 'DELTA_BYTE_ARRAY' },
  f32: { encoding: 'BYTE_STREAM_SPLIT' },
  f64: { encoding: 'BYTE_STREAM_SPLIT' },
  at_us: { encoding: 'BYTE_STREAM_SPLIT' },
  id: { encoding: 'BYTE_STREAM_SPLIT' },
});
writeHyparquet('hyparquet_plain.parquet', 'UNCOMPRESSED', Object.fromEntries(
  hyparquet.filter((c) => !c.schema[0].num_children).map((c) => [c.spec.name,
    { encoding: 'PLAIN' }])));

// ---------------------------------------------------------------------------------------------
// Malformed files made from a good one.

const good = fs.readFileSync(path.join(out, 'wasm_snappy_v1.parquet'));
const malformed = {
  'bad_magic.parquet': [Buffer.concat([Buffer.from('PAR0'), good.subarray(4)]),
    'not a Parquet file'],
  'truncated.parquet': [good.subarray(0, good.length - 50), 'not a Parquet file'],
  'short_footer.parquet': [(() => {
    const bytes = Buffer.from(good);
    bytes.writeUInt32LE(bytes.readUInt32LE(bytes.length - 8) + 1000000, bytes.length - 8);
    return bytes;
  })(), 'footer length'],
  'torn_page.parquet': [(() => {
    const bytes = Buffer.from(good);
    bytes.fill(0x7f, 4, 200);  // The first pages' headers and data.
    return bytes;
  })(), 'row group 0'],
};
for (const [file, [bytes, error]] of Object.entries(malformed)) {
  fs.writeFileSync(path.join(out, file), bytes);
  cases.push({ file, error });
}

fs.writeFileSync(path.join(out, 'expected.json'), JSON.stringify({ cases }, (key, value) =>
  (typeof value === 'bigint' ? value.toString() : value)));
console.log(`wrote ${cases.length} fixtures to ${out}`);
