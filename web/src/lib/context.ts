// What every page gets: the API client of the signed-in project, navigation, and the project's
// tables and functions (fetched once, for completion and the tables browser).
import type { Api } from './api';
import type { FunctionInfo, TableInfo } from './api_types';

export interface Catalog {
  tables: TableInfo[];
  functions: FunctionInfo[];
}

export interface AppContext {
  api: Api;
  // Goes to a path of the UI ("/sql?q=…") as a link would.
  navigate(path: string): void;
  // The tables and functions, cached until invalidated (a source was linked or synced).
  catalog(): Promise<Catalog>;
  invalidateCatalog(): void;
}

// A page of the UI: its root element, its document title, and what stops its timers.
export interface Page {
  element: HTMLElement;
  title: string;
  dispose?(): void;
}
