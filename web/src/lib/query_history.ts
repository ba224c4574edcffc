// The SQL editor's query history, per project, in localStorage: newest first, at most 50,
// a query run again moves to the top.

export interface HistoryEntry {
  sql: string;
  at: string; // ISO time it last ran.
  rows: number | null; // null when it failed.
  error: string | null;
}

const LIMIT = 50;

export class QueryHistory {
  private readonly storageKey: string;

  constructor(projectId: number) {
    this.storageKey = `larder.history.${projectId}`;
  }

  entries(): HistoryEntry[] {
    try {
      const value = JSON.parse(localStorage.getItem(this.storageKey) ?? '[]');
      return Array.isArray(value) ? value.filter((entry) => typeof entry?.sql === 'string') : [];
    } catch {
      return [];
    }
  }

  add(entry: HistoryEntry): void {
    const rest = this.entries().filter((old) => old.sql !== entry.sql);
    this.save([entry, ...rest].slice(0, LIMIT));
  }

  clear(): void {
    this.save([]);
  }

  private save(entries: HistoryEntry[]): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(entries));
    } catch {
      // Storage full or disabled: the history is a convenience, not data.
    }
  }
}
