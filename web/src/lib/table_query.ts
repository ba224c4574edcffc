// A query that shows a table: identifiers that are not plain words are quoted.
export function tableQuery(name: string): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '\\`')}\``;
  return `SELECT *\nFROM ${quoted}\nLIMIT 100`;
}
