// How numbers, sizes and times read in the UI.

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat.format(value);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (!bytes) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

// "3 minutes ago", "in 2 hours"; "never" for null. `now` is for tests.
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
    ['year', Infinity],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) {
      return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(value, unit);
    }
    value = Math.round(value / size);
  }
  return iso;
}

// "2024-03-01 12:00 UTC" for an ISO time.
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export const FREQUENCIES: [string, string][] = [
  ['never', 'Never (manual)'],
  ['5min', 'Every 5 minutes'],
  ['15min', 'Every 15 minutes'],
  ['30min', 'Every 30 minutes'],
  ['1hour', 'Every hour'],
  ['6hour', 'Every 6 hours'],
  ['12hour', 'Every 12 hours'],
  ['24hour', 'Every day'],
  ['7day', 'Every week'],
  ['30day', 'Every 30 days'],
];

export function frequencyLabel(frequency: string): string {
  return FREQUENCIES.find(([value]) => value === frequency)?.[1] ?? frequency;
}
