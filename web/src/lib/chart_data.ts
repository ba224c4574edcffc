// Whether a query result can be charted and how: a line over a time column, or bars over a
// category column, of the numeric columns.
import type { QueryResult } from './api_types';
import { cellText, isCategoryType, isNumericType, isTimeType } from './cells';

export const MAX_BARS = 50;

export interface ChartChoice {
  kind: 'line' | 'bar';
  x: number; // Column index of the x axis.
  ys: number[]; // Column indexes charted as series.
}

export interface ChartData {
  time: boolean; // x holds Unix seconds (else category indexes 0…n-1).
  xs: number[];
  labels: string[]; // Category names by index (bars), else empty.
  series: (number | null)[][]; // Parallel to ChartChoice.ys.
}

// The chart that fits: time column → line, else category column → bars; null when the result
// has no such column or no numeric column.
export function chooseChart(result: QueryResult): ChartChoice | null {
  const { types } = result;
  const numeric = types.map((type, i) => (isNumericType(type) ? i : -1)).filter((i) => i >= 0);
  const time = types.findIndex(isTimeType);
  if (time >= 0 && numeric.length > 0) return { kind: 'line', x: time, ys: numeric.slice(0, 4) };
  const category = types.findIndex(isCategoryType);
  if (category >= 0 && numeric.length > 0) return { kind: 'bar', x: category, ys: numeric.slice(0, 4) };
  return null;
}

// Unix seconds for "2024-01-01", "2024-01-01 10:00:00.123456" or ISO text; NaN otherwise.
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return value;
  let text = cellText(value).trim().replace(' ', 'T');
  text = text.replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += text.includes('T') ? 'Z' : 'T00:00:00Z';
  return Date.parse(text) / 1000;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function chartData(result: QueryResult, choice: ChartChoice): ChartData {
  const time = isTimeType(result.types[choice.x]);
  let rows = result.results;
  if (time) {
    rows = rows
      .map((row) => ({ row, at: parseTime(row[choice.x]) }))
      .filter(({ at }) => Number.isFinite(at))
      .sort((a, b) => a.at - b.at)
      .map(({ row }) => row);
  } else {
    rows = rows.slice(0, MAX_BARS);
  }
  return {
    time,
    xs: rows.map((row, i) => (time ? parseTime(row[choice.x]) : i)),
    labels: time ? [] : rows.map((row) => cellText(row[choice.x]) || '(empty)'),
    series: choice.ys.map((y) => rows.map((row) => toNumber(row[y]))),
  };
}
