// The sources the link wizard offers, with the connection settings each one asks for.

export interface SettingSpec {
  name: string;
  label: string;
  type: 'text' | 'number' | 'password' | 'select';
  required?: boolean;
  initial?: string;
  options?: string[];
  hint?: string;
  autocomplete?: string;
}

export interface SourceKind {
  id: string; // The API's source_type.
  label: string;
  group: 'managed' | 'self_managed';
  available: boolean;
  description: string;
  settings: SettingSpec[];
}

const database = (port: string): SettingSpec[] => [
  {
    name: 'host',
    label: 'Host',
    type: 'text',
    required: true,
    hint: 'A name or address this server can reach.',
    autocomplete: 'off',
  },
  { name: 'port', label: 'Port', type: 'number', required: true, initial: port },
  { name: 'database', label: 'Database', type: 'text', required: true, autocomplete: 'off' },
  {
    name: 'user',
    label: 'User',
    type: 'text',
    required: true,
    autocomplete: 'off',
    hint: 'A user that can read the tables; read-only is enough.',
  },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autocomplete: 'new-password',
    hint: 'Stored encrypted; never shown again.',
  },
];

export const SOURCE_KINDS: SourceKind[] = [
  {
    id: 'Postgres',
    label: 'PostgreSQL',
    group: 'managed',
    available: true,
    description: 'Tables of one schema of a PostgreSQL database.',
    settings: [
      ...database('5432'),
      {
        name: 'schema',
        label: 'Schema',
        type: 'text',
        initial: 'public',
        hint: 'The PostgreSQL schema whose tables are listed.',
      },
      {
        name: 'sslmode',
        label: 'SSL mode',
        type: 'select',
        initial: 'prefer',
        options: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'],
      },
    ],
  },
  {
    id: 'MySQL',
    label: 'MySQL / MariaDB',
    group: 'managed',
    available: true,
    description: 'Tables of one MySQL or MariaDB database.',
    settings: [
      ...database('3306'),
      {
        name: 'ssl',
        label: 'SSL',
        type: 'select',
        initial: 'prefer',
        options: ['disable', 'prefer', 'require', 'verify'],
      },
    ],
  },
  ...['Amazon S3', 'Google Cloud Storage', 'Cloudflare R2', 'Local folder'].map((label): SourceKind => ({
    id: label,
    label,
    group: 'self_managed',
    available: false,
    description: 'CSV, JSON lines or Parquet files. Not served by this version of Larder yet.',
    settings: [],
  })),
];

// The setting a connection error is about, from the server's message; null for the form.
export function settingOfError(message: string): string | null {
  const needs = /needs the setting "(\w+)"/.exec(message);
  if (needs) return needs[1];
  if (/password authentication failed|check the user and password|cannot log in|Access denied/i.test(message))
    return 'password';
  if (/database "[^"]*" does not exist|Unknown database/i.test(message)) return 'database';
  if (/role "[^"]*" does not exist/i.test(message)) return 'user';
  if (/^port "|not a TCP port/.test(message)) return 'port';
  if (/sslmode|^ssl "/.test(message)) return /sslmode/.test(message) ? 'sslmode' : 'ssl';
  if (/schema "[^"]*"/i.test(message)) return 'schema';
  if (
    /cannot connect|could not translate host|resolve|refuses this host|private network|loopback/i.test(
      message,
    )
  )
    return 'host';
  return null;
}
