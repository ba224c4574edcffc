// How a query result's values read as text (in the grid, in CSV) and which types are numbers.

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ClickHouse type names, Nullable(…) or not.
export function baseType(type: string): string {
  const match = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return match ? baseType(match[1]) : type;
}

export function isNumericType(type: string): boolean {
  return /^(U?Int\d+|Float\d+|Decimal)/.test(baseType(type));
}

export function isTimeType(type: string): boolean {
  return /^(Date|DateTime)/.test(baseType(type));
}

export function isCategoryType(type: string): boolean {
  return /^(String|Bool|UUID|Enum)/.test(baseType(type));
}
