// The sources the link wizard offers, with the connection settings each one asks for.

export interface SettingSpec {
  name: string;
  label: string;
  type: 'text' | 'number' | 'password' | 'select';
  required?: boolean;
  initial?: string;
  // A select's options: the value, or the value and its label.
  options?: (string | [value: string, label: string])[];
  placeholder?: string;
  hint?: string;
  autocomplete?: string;
  wide?: boolean; // Takes a whole row of the form (long values such as URLs).
}

export interface SourceKind {
  id: string; // Unique among the kinds.
  sourceType: string; // The API's source_type.
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

// The settings of the kinds of files in a bucket or folder (src/sources/object_storage).
const urlPattern = (example: string, more = ''): SettingSpec => ({
  name: 'url',
  label: 'URL pattern',
  type: 'text',
  required: true,
  wide: true,
  placeholder: example,
  autocomplete: 'off',
  hint: `Which files, e.g. ${example}. Globs: *, **, ?, {a,b}.${more ? ` ${more}` : ''}`,
});

const FORMAT: SettingSpec = {
  name: 'format',
  label: 'Format',
  type: 'select',
  initial: '',
  options: [
    ['', "Auto (from each file's extension)"],
    ['CSVWithNames', 'CSV with a header row (CSVWithNames)'],
    ['CSV', 'CSV (CSV)'],
    ['JSONEachRow', 'JSON lines (JSONEachRow)'],
    ['Parquet', 'Parquet'],
  ],
};

const bucketKeys = (hint: string): SettingSpec[] => [
  { name: 'access_key_id', label: 'Access key ID', type: 'text', autocomplete: 'off', hint },
  {
    name: 'secret_access_key',
    label: 'Secret access key',
    type: 'password',
    autocomplete: 'new-password',
    hint: 'Stored encrypted; never shown again. Leave both keys empty for a public bucket.',
  },
];

const ENDPOINT: SettingSpec = {
  name: 'endpoint',
  label: 'Endpoint (optional)',
  type: 'text',
  placeholder: 'http://127.0.0.1:9000',
  autocomplete: 'off',
  hint: 'For S3-compatible servers such as MinIO, when the URL does not name the server.',
};

export const SOURCE_KINDS: SourceKind[] = [
  {
    id: 'Postgres',
    sourceType: 'Postgres',
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
    sourceType: 'MySQL',
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
  {
    id: 'S3',
    sourceType: 'Bucket',
    label: 'Amazon S3',
    group: 'self_managed',
    available: true,
    description: 'CSV, JSON lines or Parquet files in an S3 bucket or an S3-compatible server (MinIO).',
    settings: [
      urlPattern('s3://bucket/path/*.parquet', 'Or an https:// S3 URL.'),
      FORMAT,
      ...bucketKeys('An access key of an IAM user or role that may list and read the files.'),
      {
        name: 'session_token',
        label: 'Session token (optional)',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'Only for temporary credentials (AWS STS).',
      },
      {
        name: 'region',
        label: 'Region',
        type: 'text',
        placeholder: 'us-east-1',
        autocomplete: 'off',
        hint: "The bucket's region, when the URL does not say it.",
      },
      ENDPOINT,
    ],
  },
  {
    id: 'GCS',
    sourceType: 'Bucket',
    label: 'Google Cloud Storage',
    group: 'self_managed',
    available: true,
    description: 'CSV, JSON lines or Parquet files in a Cloud Storage bucket, read with an HMAC key.',
    settings: [
      urlPattern('gs://bucket/path/*.parquet'),
      FORMAT,
      ...bucketKeys('An HMAC key of a service account (Cloud Storage settings, Interoperability).'),
      ENDPOINT,
    ],
  },
  {
    id: 'R2',
    sourceType: 'Bucket',
    label: 'Cloudflare R2',
    group: 'self_managed',
    available: true,
    description: 'CSV, JSON lines or Parquet files in an R2 bucket.',
    settings: [
      urlPattern('https://ACCOUNT.r2.cloudflarestorage.com/bucket/path/*.parquet'),
      FORMAT,
      ...bucketKeys('The access key ID of an R2 API token that may read the bucket.'),
      ENDPOINT,
    ],
  },
  {
    id: 'LocalFolder',
    sourceType: 'Bucket',
    label: 'Local folder',
    group: 'self_managed',
    available: true,
    description:
      'CSV, JSON lines or Parquet files on the server, in a folder it was started with: larder serve --file-root DIR.',
    settings: [
      urlPattern(
        'file:///data/**/*.csv',
        'The folder must be inside one given to the server with larder serve --file-root DIR.',
      ),
      FORMAT,
    ],
  },
];

// The setting a connection error is about, from the server's message and HTTP status, for a source
// of `sourceType` with `settings` typed; null for the form as a whole.
export function settingOfError(
  message: string,
  status = 0,
  sourceType = '',
  settings: Record<string, unknown> = {},
): string | null {
  const needs = /needs the setting "(\w+)"/.exec(message);
  if (needs) return needs[1];
  if (sourceType === 'Bucket') return bucketSettingOfError(message, status, settings);
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

// The errors of buckets and folders (src/sources/object_storage/s3_errors.cpp, bucket_source.cpp,
// the --file-root check). Network errors are about the endpoint when one was given, else the URL.
function bucketSettingOfError(
  message: string,
  status: number,
  settings: Record<string, unknown>,
): string | null {
  if (/access key or secret is wrong/i.test(message)) return 'secret_access_key';
  if (/the access key '[^']*' is valid but may not/i.test(message)) return 'access_key_id';
  if (/session token/i.test(message)) return 'session_token';
  if (/is (not )?in region '/i.test(message)) return 'region';
  if (/^unknown format|format '[^']*'/i.test(message)) return 'format';
  if (/check the endpoint|cannot connect|resolve|refuses this host|private network|loopback/i.test(message))
    return settings.endpoint ? 'endpoint' : 'url';
  if (
    status === 403 ||
    /file root|outside the folders|no file matches|is not a URL|file:\/\/ pattern|the folder .* does not exist|bucket '[^']*' (does not exist|was not found)/i.test(
      message,
    )
  )
    return 'url';
  return null;
}
