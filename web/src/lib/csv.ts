// CSV export of a query result (RFC 4180: a header row, fields with commas, quotes or line
// breaks quoted, NULL as an empty field).
import type { QueryResult } from './api_types';
import { cellText } from './cells';

function field(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv({ columns, results }: QueryResult): string {
  const lines = [columns.map(field).join(',')];
  for (const row of results) lines.push(row.map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// Offers `text` to the browser as a download named `filename`.
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
