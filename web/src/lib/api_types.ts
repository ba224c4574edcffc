// The shapes of Larder's HTTP API as the UI reads them (see README.md, "The HTTP API").

export interface QueryResult {
  columns: string[];
  types: string[];
  results: unknown[][];
}

export interface TableColumn {
  name: string;
  type: string;
}

export interface TableInfo {
  name: string;
  kind: 'events' | 'persons' | 'synced' | 'imported' | 'self_managed' | 'view';
  row_count: number | null;
  columns: TableColumn[];
  source?: { id: number; schema_id: number; source_type: string; table: string };
  error?: string;
}

export interface FunctionInfo {
  name: string;
  kind: 'scalar' | 'aggregate' | 'window';
  min_args: number;
  max_args: number;
}

export interface SyncProgress {
  phase: string;
  rows_synced: number;
  bytes: number;
  resync: boolean;
}

export type SyncType = 'full_refresh' | 'append' | 'incremental';

export interface SchemaInfo {
  id: number;
  source_id: number;
  name: string;
  should_sync: boolean;
  sync_type: SyncType;
  incremental_field: string | null;
  incremental_field_type: string | null;
  primary_key: string[];
  sync_frequency: string;
  sync_time_of_day: string | null;
  status: string | null;
  latest_error: string | null;
  last_synced_at: string | null;
  next_sync_at: string | null;
  resync_pending: boolean;
  table: { name: string; row_count: number };
  progress: SyncProgress | null;
}

export interface SourceInfo {
  id: number;
  source_type: string;
  prefix: string;
  status: string | null;
  created_at: string | null;
  last_run_at: string | null;
  schemas: SchemaInfo[];
  job_inputs: Record<string, string>;
}

export interface SyncJob {
  id: number;
  status: string;
  created_at: string | null;
  finished_at: string | null;
  rows_synced: number;
  bytes: number;
  rows_with_null_key: number;
  cursor_before: string | null;
  cursor_after: string | null;
  latest_error: string | null;
}

export interface KeyField {
  field: string;
  field_type: string;
  indexed: boolean;
}

export interface DiscoveredColumn {
  name: string;
  type: string;
  larder_type: string;
  nullable: boolean;
}

// A table of a source before or after linking: which sync types and keys it allows.
export interface DiscoveredTable {
  table: string;
  columns: DiscoveredColumn[];
  primary_key: string[];
  incremental_fields: KeyField[];
  incremental_available: boolean;
  rows: number | null;
}

// A self-managed table: files read in place at every query (warehouse_tables/).
export interface WarehouseTable {
  id: number;
  name: string;
  format: string;
  url_pattern: string;
  columns: { key: string; name: string; type: string; schema_valid: boolean }[];
  created_at: string | null;
}

// What warehouse_tables/ is given to link files in place.
export interface WarehouseTableRequest {
  name: string;
  url_pattern: string;
  format?: string;
  credential?: { access_key?: string; access_secret?: string; session_token?: string };
  region?: string;
  endpoint?: string;
}

export interface Page<T> {
  count: number;
  results: T[];
}
