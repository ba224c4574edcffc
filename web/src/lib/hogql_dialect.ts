// HogQL for CodeMirror's SQL mode: ClickHouse's keywords and type names, backtick-quoted
// identifiers, backslash escapes in strings.
import { SQLDialect } from '@codemirror/lang-sql';

const KEYWORDS = [
  'select distinct from where prewhere group by having order limit offset with ties',
  'join inner left right full outer cross semi anti any all asof array global on using as',
  'and or not in is null like ilike between case when then else end',
  'union intersect except asc desc nulls first last collate interval',
  'over partition window rows range preceding following unbounded current row',
  'sample final settings true false filter qualify exists cast',
  'second minute hour day week month quarter year',
].join(' ');

const TYPES =
  'String Int8 Int16 Int32 Int64 UInt8 UInt16 UInt32 UInt64 Float32 Float64 Decimal Bool ' +
  'Date DateTime DateTime64 UUID JSON Array Nullable Tuple Map';

export const hogqlDialect = SQLDialect.define({
  keywords: KEYWORDS,
  types: TYPES,
  builtin: '',
  identifierQuotes: '`"',
  backslashEscapes: true,
  doubleQuotedStrings: false,
  hashComments: false,
  slashComments: false,
  operatorChars: '*+-%<>!=&|/^~?:',
});
