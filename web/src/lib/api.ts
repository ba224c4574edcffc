// The client of Larder's HTTP API for one signed-in project: every call sends the personal API
// key; errors become ApiError with the server's message (and a query error's position).
import type {
  DiscoveredTable,
  FunctionInfo,
  Page,
  QueryResult,
  SchemaInfo,
  SourceInfo,
  SyncJob,
  TableInfo,
  WarehouseTable,
  WarehouseTableRequest,
} from './api_types';
import type { Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }

  // Where a query error is, as byte offsets into the query (validation errors of query/).
  get position(): { start: number; end: number } | null {
    const start = this.body?.start;
    const end = this.body?.end;
    return typeof start === 'number' && typeof end === 'number' ? { start, end } : null;
  }
}

export type SchemaChange = Partial<
  Pick<SchemaInfo, 'should_sync' | 'sync_type' | 'incremental_field' | 'sync_frequency' | 'sync_time_of_day'>
>;

export type SchemaAction = 'reload' | 'resync' | 'cancel' | 'delete_data';

export class Api {
  constructor(
    readonly session: Session,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  query(sql: string): Promise<QueryResult> {
    return this.request('POST', 'query/', { query: { kind: 'HogQLQuery', query: sql } });
  }

  async tables(): Promise<TableInfo[]> {
    return (await this.request<Page<TableInfo>>('GET', 'tables/')).results;
  }

  async functions(): Promise<FunctionInfo[]> {
    return (await this.request<Page<FunctionInfo>>('GET', 'functions/')).results;
  }

  async sources(): Promise<SourceInfo[]> {
    return (await this.request<Page<SourceInfo>>('GET', 'external_data_sources/')).results;
  }

  source(id: number): Promise<SourceInfo> {
    return this.request('GET', `external_data_sources/${id}/`);
  }

  // Checks the credentials and lists the database's tables, before linking anything.
  databaseSchema(settings: Record<string, unknown>): Promise<DiscoveredTable[]> {
    return this.request('POST', 'external_data_sources/database_schema/', settings);
  }

  createSource(body: Record<string, unknown>): Promise<SourceInfo> {
    return this.request('POST', 'external_data_sources/', body);
  }

  deleteSource(id: number): Promise<void> {
    return this.request('DELETE', `external_data_sources/${id}/`);
  }

  reloadSource(id: number): Promise<unknown> {
    return this.request('POST', `external_data_sources/${id}/reload/`);
  }

  updateSchema(id: number, change: SchemaChange): Promise<SchemaInfo> {
    return this.request('PATCH', `external_data_schemas/${id}/`, change);
  }

  schemaAction(id: number, action: SchemaAction): Promise<SchemaInfo> {
    return this.request('POST', `external_data_schemas/${id}/${action}/`);
  }

  async jobs(id: number): Promise<SyncJob[]> {
    return (await this.request<Page<SyncJob>>('GET', `external_data_schemas/${id}/jobs/`)).results;
  }

  // Which columns of a linked table may be its replication key (the source is asked).
  incrementalFields(id: number): Promise<DiscoveredTable> {
    return this.request('POST', `external_data_schemas/${id}/incremental_fields/`);
  }

  async warehouseTables(): Promise<WarehouseTable[]> {
    return (await this.request<Page<WarehouseTable>>('GET', 'warehouse_tables/')).results;
  }

  // Checks the credentials and the pattern, infers the columns and links the files in place.
  createWarehouseTable(body: WarehouseTableRequest): Promise<WarehouseTable> {
    return this.request('POST', 'warehouse_tables/', body);
  }

  // Unlinks a self-managed table; its files stay where they are.
  deleteWarehouseTable(id: number): Promise<void> {
    return this.request('DELETE', `warehouse_tables/${id}/`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/api/projects/${this.session.projectId}/${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.session.key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, `cannot reach the server: ${String(error)}`, null);
    }
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const detail = typeof json?.detail === 'string' ? json.detail : text || response.statusText;
      throw new ApiError(response.status, detail, json);
    }
    return json as T;
  }
}
