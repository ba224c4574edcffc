// The differential test's random queries (tests/differential/run.mjs): a seeded generator builds
// SELECTs over the tables of data.mjs from a small grammar, as expression trees, and one
// translator prints every tree twice, in HogQL for Larder and in DuckDB's SQL. Everything the
// two dialects spell or mean differently is settled in the printers below (FUNCTIONS, literals,
// aggregates, join defaults), each following a difference listed in dialect_differences.md.
//
// Shapes: row queries (projections under WHERE, fully ordered by the unique `id` with LIMIT and
// OFFSET, or compared as a multiset, or DISTINCT), GROUP BY queries (one or two keys, several
// aggregates, HAVING, ordered by every key so the order is total) and global aggregates (whose
// WHERE may match no row). A fifth of them join `users` (INNER or LEFT) on user_id.
import { makeRandom, TABLES } from './data.mjs';

export const GENERATOR_SEED = 7;

// The value a ClickHouse column of this kind takes where it is not Nullable and a value is
// missing (the other side of a LEFT JOIN; min/max over no rows): D8, D9.
const DUCK_DEFAULT = {
  int: '0',
  float: '0::DOUBLE',
  str: "''",
  bool: 'false',
  date: "DATE '1970-01-01'",
  datetime: "TIMESTAMP '1970-01-01 00:00:00'",
};

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

// A node: { kind, nullable, ch, duck } where ch/duck are the printed texts; `top` marks nodes
// whose DuckDB text is not a VARCHAR (byte substrings are BLOBs) and may only be a projection.
const node = (kind, nullable, ch, duck, extra = {}) => ({ kind, nullable, ch, duck, ...extra });

function literal(rnd, kind) {
  switch (kind) {
    case 'int': {
      const v = rnd.pick([0, 1, 2, 3, 5, 7, 10, 42, 100, -1, -3, -50, 1000, 123456]);
      return node('int', false, v < 0 ? `(${v})` : `${v}`, v < 0 ? `(${v})` : `${v}`);
    }
    case 'float': {
      const v = rnd.pick([0.5, 1.5, 2.25, -0.5, 0.1, 100.75, -999.5, 0]);
      const text = Number.isInteger(v) ? `${v}.0` : `${v}`;
      return node('float', false, v < 0 ? `(${text})` : text, `(${text}::DOUBLE)`);
    }
    case 'str': {
      const v = rnd.pick(['', 'abc', 'ABC', 'Hello World', 'naïve', '日本語テキスト', 'zzz', 'a%b',
        '$pageview', 'signup', 'Chrome', 'apple', '123', 'Café ☕']);
      return node('str', false, sqlString(v), sqlString(v));
    }
    case 'date': {
      const v = rnd.pick(['1970-01-01', '2000-02-29', '2024-02-29', '2024-03-10', '2038-01-19',
        '2060-06-15', '2100-01-01']);
      return node('date', false, `toDate('${v}')`, `DATE '${v}'`);
    }
    case 'datetime': {
      const v = rnd.pick(['2024-03-10 07:00:00', '2024-11-03 06:00:00', '2020-01-01 00:00:00',
        '2023-12-31 23:59:59', '2022-06-15 12:30:00', '2026-01-01 00:00:00']);
      return node('datetime', false, `toDateTime('${v}')`, `TIMESTAMP '${v}'`);
    }
    case 'bool':
      return rnd.chance(0.5) ? node('bool', false, 'true', 'true') : node('bool', false, 'false', 'false');
  }
  throw new Error(`no literal of kind ${kind}`);
}

// Columns visible to a query: the events columns (qualified as e.* when joined) and, in a join,
// users' columns as u.*; on the missing side of a LEFT JOIN a non-Nullable column reads as its
// default in ClickHouse (join_use_nulls = 0), so DuckDB's text coalesces it (D8).
function scope(join) {
  const columns = [];
  for (const c of TABLES.events.columns) {
    if (c.kind === 'json') continue;
    const name = join ? `e.${c.name}` : c.name;
    columns.push({ ...c, ch: name, duck: name });
  }
  if (join) {
    for (const c of TABLES.users.columns) {
      const name = `u.${c.name}`;
      const duck = join === 'LEFT' && !c.nullable ? `coalesce(${name}, ${DUCK_DEFAULT[c.kind]})` : name;
      columns.push({ ...c, ch: name, duck, nullable: c.nullable || false });
    }
  }
  return { columns, join, props: join ? 'e.properties' : 'properties' };
}

function column(rnd, sc, kind, { arith = false } = {}) {
  const candidates = sc.columns.filter((c) => c.kind === kind && !(arith && c.noArith));
  if (candidates.length === 0) return null;
  const c = rnd.pick(candidates);
  return node(c.kind, c.nullable, c.ch, c.duck, { noArith: c.noArith });
}

const PROPERTY_KEYS = ['$browser', '$os', 'plan', 'revenue', 'count', 'flag', 'nested', 'tags',
  '$current_url', 'note', 'missing_key'];

// properties.$key: HogQL's property access, DuckDB's ->> with a quoted JSON path (D12).
function property(rnd, sc) {
  const key = rnd.pick(PROPERTY_KEYS);
  return node('str', true, `${sc.props}.${key}`, `(${sc.props}->>'$."${key}"')`);
}

// Expression builders by result kind. Each returns a node; depth bounds the nesting.
function expr(rnd, sc, kind, depth, opts = {}) {
  if (depth <= 0 || rnd.chance(0.35)) {
    if (kind === 'str' && rnd.chance(0.2)) return property(rnd, sc);
    const c = rnd.chance(0.8) ? column(rnd, sc, kind, opts) : null;
    return c ?? literal(rnd, kind);
  }
  const builders = BUILDERS[kind];
  return rnd.pick(builders)(rnd, sc, depth - 1, opts);
}

const anyNull = (...nodes) => nodes.some((n) => n.nullable);

function intOperand(rnd, sc, depth) {
  return expr(rnd, sc, 'int', depth, { arith: true });
}

const BUILDERS = {
  int: [
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      const b = intOperand(rnd, sc, depth);
      const op = rnd.pick(['+', '-']);
      return node('int', anyNull(a, b), `(${a.ch} ${op} ${b.ch})`, `(${a.duck} ${op} ${b.duck})`);
    },
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      const k = rnd.pick([2, 3, -4, 10]);
      return node('int', a.nullable, `(${a.ch} * ${k < 0 ? `(${k})` : k})`, `(${a.duck} * ${k < 0 ? `(${k})` : k})`);
    },
    // intDiv truncates toward zero like DuckDB's // on integers; never by zero (D4).
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      const k = rnd.pick([2, 3, 7, -5]);
      const kt = k < 0 ? `(${k})` : `${k}`;
      return node('int', a.nullable, `intDiv(${a.ch}, ${kt})`, `(${a.duck} // ${kt})`);
    },
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      const k = rnd.pick([2, 3, 5, -7]);
      const kt = k < 0 ? `(${k})` : `${k}`;
      return node('int', a.nullable, `(${a.ch} % ${kt})`, `(${a.duck} % ${kt})`);
    },
    // length counts bytes in ClickHouse: DuckDB's strlen (D6).
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      return node('int', a.nullable, `length(${a.ch})`, `strlen(${a.duck})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, rnd.pick(['date', 'datetime']), depth);
      const [ch, duck] = rnd.pick([['toYear', 'year'], ['toMonth', 'month'], ['toDayOfMonth', 'day'],
        ['toDayOfWeek', 'isodow'], ['toQuarter', 'quarter'], ['toDayOfYear', 'dayofyear']]);
      return node('int', a.nullable, `${ch}(${a.ch})`, `${duck}(${a.duck})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'datetime', depth);
      const [ch, duck] = rnd.pick([['toHour', 'hour'], ['toMinute', 'minute'], ['toSecond', 'second']]);
      return node('int', a.nullable, `${ch}(${a.ch})`, `${duck}(${a.duck})`);
    },
    (rnd, sc, depth) => {
      const kind = rnd.pick(['date', 'datetime']);
      const a = expr(rnd, sc, kind, depth);
      const b = expr(rnd, sc, kind, depth);
      const unit = kind === 'date' ? rnd.pick(['day', 'week', 'month', 'quarter', 'year'])
        : rnd.pick(['second', 'minute', 'hour', 'day', 'month', 'year']);
      // DuckDB's week difference counts whole weeks; ClickHouse's counts Mondays crossed (D4).
      const duck = unit === 'week'
        ? `(date_diff('day', date_trunc('week', ${a.duck}), date_trunc('week', ${b.duck})) // 7)`
        : `date_diff('${unit}', ${a.duck}, ${b.duck})`;
      return node('int', anyNull(a, b), `dateDiff('${unit}', ${a.ch}, ${b.ch})`, duck);
    },
    // position counts bytes in ClickHouse; DuckDB's strpos counts characters (D6).
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      const needle = sqlString(rnd.pick(['a', 'b', 'e', 'ü', ' ', 'abc', '語', 'o']));
      const p = `strpos(${a.duck}, ${needle})`;
      return node('int', a.nullable, `position(${a.ch}, ${needle})`,
        `(CASE WHEN ${p} = 0 THEN 0 ELSE strlen(substring(${a.duck}, 1, ${p} - 1)) + 1 END)`);
    },
    (rnd, sc, depth) => {
      const c = expr(rnd, sc, 'bool', depth);
      const a = intOperand(rnd, sc, depth);
      const b = intOperand(rnd, sc, depth);
      return node('int', anyNull(a, b), `if(${c.ch}, ${a.ch}, ${b.ch})`,
        `(CASE WHEN ${c.duck} THEN ${a.duck} ELSE ${b.duck} END)`);
    },
    // On a stored DateTime only: arithmetic can reach before 1970, outside ClickHouse's range (D13).
    (rnd, sc) => {
      const a = column(rnd, sc, 'datetime');
      return node('int', a.nullable, `toUnixTimestamp(${a.ch})`, `(epoch_us(${a.duck}) // 1000000)`);
    },
  ],
  float: [
    (rnd, sc, depth, opts) => {
      const a = expr(rnd, sc, 'float', depth, opts);
      const b = rnd.chance(0.5) ? expr(rnd, sc, 'float', depth, opts) : intOperand(rnd, sc, depth);
      const op = rnd.pick(['+', '-', '*']);
      return node('float', anyNull(a, b), `(${a.ch} ${op} ${b.ch})`, `(${a.duck} ${op} ${b.duck})`);
    },
    // `/` is always Float64 division in both: x/0 is inf, 0/0 nan (D2).
    (rnd, sc, depth, opts) => {
      if (opts.noNaN) return expr(rnd, sc, 'float', depth, opts);
      const a = rnd.chance(0.5) ? expr(rnd, sc, 'float', depth) : intOperand(rnd, sc, depth);
      const b = rnd.chance(0.5) ? expr(rnd, sc, 'float', depth) : intOperand(rnd, sc, depth);
      return node('float', anyNull(a, b), `(${a.ch} / ${b.ch})`, `(${a.duck} / ${b.duck})`);
    },
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      return node('float', a.nullable, `toFloat(${a.ch})`, `CAST(${a.duck} AS DOUBLE)`);
    },
    // HogQL reads -x as 0 - x, so -(0.0) is +0.0 (D15).
    (rnd, sc, depth, opts) => {
      const a = expr(rnd, sc, 'float', depth, opts);
      return node('float', a.nullable, `(-${a.ch})`, `(0 - ${a.duck})`);
    },
  ],
  str: [
    // lower/upper are ASCII-only in ClickHouse; their UTF8 forms are DuckDB's lower/upper (D6).
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      return rnd.chance(0.5)
        ? node('str', a.nullable, `lower(${a.ch})`, `translate(${a.duck}, '${UPPER}', '${LOWER}')`)
        : node('str', a.nullable, `upper(${a.ch})`, `translate(${a.duck}, '${LOWER}', '${UPPER}')`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      return rnd.chance(0.5)
        ? node('str', a.nullable, `lowerUTF8(${a.ch})`, `lower(${a.duck})`)
        : node('str', a.nullable, `upperUTF8(${a.ch})`, `upper(${a.duck})`);
    },
    // HogQL's concat treats NULL as '' and prints numbers with toString, as DuckDB's concat (D7).
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      const b = rnd.chance(0.7) ? expr(rnd, sc, 'str', depth) : intOperand(rnd, sc, depth);
      return node('str', false, `concat(${a.ch}, ${b.ch})`, `concat(${a.duck}, ${b.duck})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      const [from, to] = rnd.pick([['a', 'A'], ['b', ''], [' ', '_'], ['ü', 'u'], ['abc', 'x']]);
      return node('str', a.nullable, `replaceAll(${a.ch}, '${from}', '${to}')`,
        `replace(${a.duck}, '${from}', '${to}')`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      return node('str', a.nullable, `trim(${a.ch})`, `trim(${a.duck})`);
    },
    (rnd, sc, depth) => {
      const a = intOperand(rnd, sc, depth);
      return node('str', a.nullable, `toString(${a.ch})`, `CAST(${a.duck} AS VARCHAR)`);
    },
    (rnd, sc, depth) => {
      const c = expr(rnd, sc, 'bool', depth);
      const a = expr(rnd, sc, 'str', depth);
      const b = expr(rnd, sc, 'str', depth);
      return node('str', anyNull(a, b), `if(${c.ch}, ${a.ch}, ${b.ch})`,
        `(CASE WHEN ${c.duck} THEN ${a.duck} ELSE ${b.duck} END)`);
    },
    (rnd, sc) => property(rnd, sc),
  ],
  bool: [
    (rnd, sc, depth) => comparison(rnd, sc, depth),
    (rnd, sc, depth) => comparison(rnd, sc, depth),
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'bool', depth);
      const b = expr(rnd, sc, 'bool', depth);
      const op = rnd.pick(['AND', 'OR']);
      return node('bool', anyNull(a, b), `(${a.ch} ${op} ${b.ch})`, `(${a.duck} ${op} ${b.duck})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'bool', depth);
      return node('bool', a.nullable, `(NOT ${a.ch})`, `(NOT ${a.duck})`);
    },
    // IN with a NULL on the left is false, not NULL, in ClickHouse (D5).
    (rnd, sc, depth) => {
      const kind = rnd.pick(['int', 'str', 'int', 'date']);
      const a = kind === 'str' && rnd.chance(0.3) ? property(rnd, sc) : expr(rnd, sc, kind, depth);
      const items = [];
      const count = rnd.int(1, 4);
      // Dates in the list as text, which ClickHouse reads as the left side's type.
      for (let i = 0; i < count; ++i) {
        const item = literal(rnd, kind);
        items.push(kind === 'date' ? { ...item, ch: item.duck.replace(/^DATE /, '') } : item);
      }
      const not = rnd.chance(0.3) ? 'NOT ' : '';
      return node('bool', false, `(${a.ch} ${not}IN (${items.map((i) => i.ch).join(', ')}))`,
        `coalesce(${a.duck} ${not}IN (${items.map((i) => i.duck).join(', ')}), false)`);
    },
    (rnd, sc, depth) => {
      const kind = rnd.pick(['int', 'float', 'date', 'str']);
      const a = expr(rnd, sc, kind, depth);
      let [lo, hi] = [literal(rnd, kind), literal(rnd, kind)];
      return node('bool', a.nullable, `(${a.ch} BETWEEN ${lo.ch} AND ${hi.ch})`,
        `(${a.duck} BETWEEN ${lo.duck} AND ${hi.duck})`);
    },
    (rnd, sc, depth) => {
      const kind = rnd.pick(['int', 'float', 'str', 'date']);
      const candidates = sc.columns.filter((c) => c.kind === kind && c.nullable);
      const a = candidates.length && rnd.chance(0.7)
        ? (() => { const c = rnd.pick(candidates); return node(kind, true, c.ch, c.duck); })()
        : (kind === 'str' ? property(rnd, sc) : expr(rnd, sc, kind, depth));
      const not = rnd.chance(0.5) ? 'NOT ' : '';
      return node('bool', false, `(${a.ch} IS ${not}NULL)`, `(${a.duck} IS ${not}NULL)`);
    },
    (rnd, sc, depth) => {
      const a = rnd.chance(0.3) ? property(rnd, sc) : expr(rnd, sc, 'str', depth);
      const pattern = sqlString(rnd.pick(['%a%', 'a%', '%c', '_bc', '%ü%', '', '%', '$%', 'A_C',
        '%World', '%%', 'a_b', '%🎉%']));
      const not = rnd.chance(0.3) ? 'NOT ' : '';
      return node('bool', a.nullable, `(${a.ch} ${not}LIKE ${pattern})`, `(${a.duck} ${not}LIKE ${pattern})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'str', depth);
      const prefix = sqlString(rnd.pick(['a', 'A', '$', 'he', 'Café', '']));
      return rnd.chance(0.5)
        ? node('bool', a.nullable, `startsWith(${a.ch}, ${prefix})`, `starts_with(${a.duck}, ${prefix})`)
        : node('bool', a.nullable, `endsWith(${a.ch}, ${prefix})`, `ends_with(${a.duck}, ${prefix})`);
    },
  ],
  date: [
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'datetime', depth);
      return node('date', a.nullable, `toDate(${a.ch})`, `CAST(${a.duck} AS DATE)`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, rnd.pick(['date', 'datetime']), depth);
      const [ch, unit] = rnd.pick([['toStartOfMonth', 'month'], ['toStartOfYear', 'year'],
        ['toStartOfQuarter', 'quarter'], ['toMonday', 'week']]);
      return node('date', a.nullable, `${ch}(${a.ch})`, `CAST(date_trunc('${unit}', ${a.duck}) AS DATE)`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'date', depth);
      const k = rnd.pick([1, 7, 30, -1, -365, 1000]);
      const kt = k < 0 ? `(${k})` : `${k}`;
      return node('date', a.nullable, `(${a.ch} + ${kt})`, `(${a.duck} + ${kt})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'date', depth);
      const k = rnd.pick([1, 2, 12, -1, -13]);
      return node('date', a.nullable, `addMonths(${a.ch}, ${k})`,
        `CAST(${a.duck} + INTERVAL (${k}) MONTH AS DATE)`);
    },
  ],
  datetime: [
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'datetime', depth);
      const [ch, unit] = rnd.pick([['toStartOfHour', 'hour'], ['toStartOfDay', 'day'],
        ['toStartOfMinute', 'minute']]);
      return node('datetime', a.nullable, `${ch}(${a.ch})`, `date_trunc('${unit}', ${a.duck})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'datetime', depth);
      const k = rnd.pick([1, 24, -3, 90]);
      const unit = rnd.pick(['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH']);
      return node('datetime', a.nullable, `(${a.ch} + INTERVAL ${k} ${unit})`,
        `(${a.duck} + INTERVAL (${k}) ${unit})`);
    },
    (rnd, sc, depth) => {
      const a = expr(rnd, sc, 'date', depth);
      return node('datetime', a.nullable, `toDateTime(${a.ch})`, `CAST(${a.duck} AS TIMESTAMP)`);
    },
  ],
};

// A comparison between two expressions of one kind (Int64 extremes only against integers).
function comparison(rnd, sc, depth) {
  const kind = rnd.pick(['int', 'int', 'float', 'str', 'date', 'datetime', 'bool']);
  const op = rnd.pick(['=', '!=', '<', '<=', '>', '>=']);
  let a = expr(rnd, sc, kind, depth);
  let b = rnd.chance(0.6) ? literal(rnd, kind) : expr(rnd, sc, kind, depth);
  if (kind === 'int' && !a.noArith && !b.noArith && rnd.chance(0.2)) b = literal(rnd, 'float');
  const ch = `(${a.ch} ${op} ${b.ch})`;
  if (a.kind !== 'float' && b.kind !== 'float') return node('bool', anyNull(a, b), ch, `(${a.duck} ${op} ${b.duck})`);
  // DuckDB orders NaN above every number and equal to itself; in ClickHouse every comparison
  // with NaN is false except != (IEEE 754): D10.
  const nan = op === '!=' ? 'true' : 'false';
  return node('bool', anyNull(a, b), ch, `(CASE WHEN ${a.duck} IS NULL OR ${b.duck} IS NULL THEN NULL ` +
    `WHEN isnan(${a.duck}) OR isnan(${b.duck}) THEN ${nan} ELSE ${a.duck} ${op} ${b.duck} END)`);
}

// A projection: any kind, sometimes a byte substring (DuckDB: a BLOB of the bytes, D6).
function projection(rnd, sc) {
  const kind = rnd.pick(['int', 'int', 'float', 'str', 'str', 'bool', 'date', 'datetime']);
  if (kind === 'str' && rnd.chance(0.15)) {
    const a = expr(rnd, sc, 'str', 1);
    const offset = rnd.int(1, 4);
    const length = rnd.int(0, 5);
    return node('str', a.nullable, `substring(${a.ch}, ${offset}, ${length})`,
      `unhex(substring(hex(encode(${a.duck})), ${2 * offset - 1}, ${2 * length}))`);
  }
  return expr(rnd, sc, kind, rnd.int(0, 2));
}

// Aggregates with ClickHouse's results for no rows on non-Nullable arguments: sum 0, avg nan,
// min/max the type's default (D9); countIf/sumIf as DuckDB's FILTER.
function aggregate(rnd, sc) {
  const shape = rnd.pick(['count', 'countCol', 'sum', 'avg', 'min', 'max', 'uniq', 'countIf',
    'sumIf', 'minIf']);
  switch (shape) {
    case 'count':
      return { ch: 'count()', duck: 'count(*)' };
    case 'countCol': {
      const a = expr(rnd, sc, rnd.pick(['int', 'str', 'float', 'date']), 1);
      return { ch: `count(${a.ch})`, duck: `count(${a.duck})` };
    }
    case 'sum':
    case 'avg': {
      const a = rnd.chance(0.5) ? intOperand(rnd, sc, 1) : expr(rnd, sc, 'float', 1);
      const def = shape === 'sum' ? (a.kind === 'int' ? '0' : '0::DOUBLE') : "'NaN'::DOUBLE";
      const duck = `${shape}(${a.duck})`;
      return { ch: `${shape}(${a.ch})`, duck: a.nullable ? duck : `coalesce(${duck}, ${def})` };
    }
    case 'min':
    case 'max': {
      // Never NaN: ClickHouse's min/max keep a NaN met first and skip later ones (D10).
      const kind = rnd.pick(['int', 'float', 'str', 'date', 'datetime']);
      const a = expr(rnd, sc, kind, 1, { noNaN: true });
      const duck = `${shape}(${a.duck})`;
      return { ch: `${shape}(${a.ch})`, duck: a.nullable ? duck : `coalesce(${duck}, ${DUCK_DEFAULT[kind]})` };
    }
    case 'uniq': {
      const a = expr(rnd, sc, rnd.pick(['int', 'str', 'date']), 1);
      return rnd.chance(0.5)
        ? { ch: `count(DISTINCT ${a.ch})`, duck: `count(DISTINCT ${a.duck})` }
        : { ch: `uniqExact(${a.ch})`, duck: `count(DISTINCT ${a.duck})` };
    }
    case 'countIf': {
      const c = expr(rnd, sc, 'bool', 1);
      return { ch: `countIf(${c.ch})`, duck: `count(*) FILTER (WHERE ${c.duck})` };
    }
    case 'sumIf': {
      const a = intOperand(rnd, sc, 1);
      const c = expr(rnd, sc, 'bool', 1);
      const duck = `sum(${a.duck}) FILTER (WHERE ${c.duck})`;
      return { ch: `sumIf(${a.ch}, ${c.ch})`, duck: a.nullable ? duck : `coalesce(${duck}, 0)` };
    }
    case 'minIf': {
      const a = intOperand(rnd, sc, 1);
      const c = expr(rnd, sc, 'bool', 1);
      const duck = `min(${a.duck}) FILTER (WHERE ${c.duck})`;
      return { ch: `minIf(${a.ch}, ${c.ch})`, duck: a.nullable ? duck : `coalesce(${duck}, 0)` };
    }
  }
  throw new Error(shape);
}

// Grouping keys: low-cardinality expressions, never floats (NaN has no agreed order: D10).
function groupKey(rnd, sc) {
  const p = sc.join ? 'e.' : '';
  const choices = [
    () => node('str', false, `${p}event`, `${p}event`),
    () => node('int', true, `${p}user_id`, `${p}user_id`),
    () => node('bool', false, `${p}flag`, `${p}flag`),
    () => node('int', false, `toYear(${p}ts)`, `year(${p}ts)`),
    () => node('int', true, `(${p}n % 5)`, `(${p}n % 5)`),
    () => node('str', true, `${p}s`, `${p}s`),
    () => node('str', true, `${sc.props}.$browser`, `(${sc.props}->>'$."$browser"')`),
    () => node('str', true, `${sc.props}.plan`, `(${sc.props}->>'$."plan"')`),
    () => node('date', true, `toStartOfYear(${p}d)`, `CAST(date_trunc('year', ${p}d) AS DATE)`),
    () => node('int', true, `length(${p}s)`, `strlen(${p}s)`),
  ];
  if (sc.join) {
    const country = sc.join === 'LEFT' ? 'u.country' : 'u.country';
    choices.push(() => node('str', true, country, country));
    const tier = sc.join === 'LEFT' ? 'coalesce(u.tier, 0)' : 'u.tier';
    choices.push(() => node('int', false, 'u.tier', tier));
  }
  return rnd.pick(choices)();
}

function fromClause(sc) {
  if (!sc.join) return { ch: 'FROM events', duck: 'FROM events' };
  const on = `${sc.join} JOIN users AS u ON e.user_id = u.user_id`;
  return { ch: `FROM events AS e ${on}`, duck: `FROM events AS e ${on}` };
}

// DuckDB's ORDER BY item: ClickHouse puts NULLs last in both directions (D1).
const orderItem = (text, desc) => ({ ch: `${text}${desc ? ' DESC' : ''}`, duck: `${text}${desc ? ' DESC' : ''} NULLS LAST` });

function rowQuery(rnd, sc, from) {
  const count = rnd.int(1, 4);
  const items = [];
  for (let i = 0; i < count; ++i) items.push(projection(rnd, sc));
  const where = rnd.chance(0.75) ? expr(rnd, sc, 'bool', rnd.int(1, 3)) : null;
  const id = sc.join ? 'e.id' : 'id';
  const shape = rnd.pick(['ordered', 'ordered', 'multiset', 'distinct']);
  const select = (dialect) => items.map((item, i) => `${item[dialect]} AS c${i + 1}`).join(', ');
  const whereText = (dialect) => (where ? ` WHERE ${where[dialect]}` : '');
  if (shape === 'ordered') {
    const desc = rnd.chance(0.3);
    const limit = rnd.pick([5, 10, 20, 50]);
    const offset = rnd.chance(0.3) ? ` OFFSET ${rnd.int(1, 30)}` : '';
    const o = orderItem(id, desc);
    return {
      ordered: true,
      ch: `SELECT ${id} AS rid, ${select('ch')} ${from.ch}${whereText('ch')} ORDER BY ${o.ch} LIMIT ${limit}${offset}`,
      duck: `SELECT ${id} AS rid, ${select('duck')} ${from.duck}${whereText('duck')} ORDER BY ${o.duck} LIMIT ${limit}${offset}`,
    };
  }
  const distinct = shape === 'distinct' ? 'DISTINCT ' : '';
  return {
    ordered: false,
    ch: `SELECT ${distinct}${select('ch')} ${from.ch}${whereText('ch')}`,
    duck: `SELECT ${distinct}${select('duck')} ${from.duck}${whereText('duck')}`,
  };
}

function groupQuery(rnd, sc, from) {
  const keyCount = rnd.int(1, 2);
  const keys = [];
  while (keys.length < keyCount) {
    const k = groupKey(rnd, sc);
    if (!keys.some((existing) => existing.ch === k.ch)) keys.push(k);
  }
  const aggCount = rnd.int(1, 3);
  const aggs = [];
  for (let i = 0; i < aggCount; ++i) aggs.push(aggregate(rnd, sc));
  const where = rnd.chance(0.5) ? expr(rnd, sc, 'bool', rnd.int(1, 2)) : null;
  const having = rnd.chance(0.25) ? rnd.pick([1, 2, 5, 20]) : null;
  const orders = keys.map((_, i) => orderItem(`k${i + 1}`, rnd.chance(0.4)));
  const limit = rnd.chance(0.5) ? ` LIMIT ${rnd.pick([3, 10, 25])}` : '';
  const text = (dialect) => {
    const select = [...keys.map((k, i) => `${k[dialect]} AS k${i + 1}`),
      ...aggs.map((a, i) => `${a[dialect]} AS a${i + 1}`)].join(', ');
    const count = dialect === 'ch' ? 'count()' : 'count(*)';
    return `SELECT ${select} ${from[dialect]}${where ? ` WHERE ${where[dialect]}` : ''} ` +
      `GROUP BY ${keys.map((_, i) => `k${i + 1}`).join(', ')}` +
      `${having ? ` HAVING ${count} >= ${having}` : ''} ` +
      `ORDER BY ${orders.map((o) => o[dialect]).join(', ')}${limit}`;
  };
  return { ordered: true, ch: text('ch'), duck: text('duck') };
}

function globalAggregate(rnd, sc, from) {
  const aggCount = rnd.int(1, 4);
  const aggs = [];
  for (let i = 0; i < aggCount; ++i) aggs.push(aggregate(rnd, sc));
  const where = rnd.chance(0.85) ? expr(rnd, sc, 'bool', rnd.int(1, 3)) : null;
  const text = (dialect) => `SELECT ${aggs.map((a, i) => `${a[dialect]} AS a${i + 1}`).join(', ')} ` +
    `${from[dialect]}${where ? ` WHERE ${where[dialect]}` : ''}`;
  return { ordered: true, ch: text('ch'), duck: text('duck') };
}

// Returns `count` queries: [{ name, larder, duckdb, ordered, generated: true }].
export function generateQueries(count, seed = GENERATOR_SEED) {
  const rnd = makeRandom(seed);
  const queries = [];
  for (let i = 0; i < count; ++i) {
    const join = rnd.chance(0.2) ? rnd.pick(['INNER', 'LEFT']) : null;
    const sc = scope(join);
    const from = fromClause(sc);
    const shape = rnd.weighted([['rows', 45], ['group', 40], ['global', 15]]);
    const q = shape === 'rows' ? rowQuery(rnd, sc, from)
      : shape === 'group' ? groupQuery(rnd, sc, from) : globalAggregate(rnd, sc, from);
    queries.push({
      name: `gen_${String(i + 1).padStart(3, '0')}_${shape}${join ? `_${join.toLowerCase()}` : ''}`,
      larder: q.ch,
      duckdb: q.duck,
      ordered: q.ordered,
      generated: true,
    });
  }
  return queries;
}
