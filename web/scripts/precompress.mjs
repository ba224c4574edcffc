// Writes a gzip copy (file.gz) beside each text file of the built UI, which `larder serve`
// sends to browsers that accept gzip. Usage: node scripts/precompress.mjs [DIR] (default ../build/ui
// or $LARDER_UI_OUT).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root =
  process.argv[2] ?? process.env.LARDER_UI_OUT ?? new URL('../../build/ui', import.meta.url).pathname;
const COMPRESSIBLE = /\.(html|js|css|svg|json|map|txt)$/;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(file);
    } else if (COMPRESSIBLE.test(entry.name)) {
      const bytes = fs.readFileSync(file);
      if (bytes.length < 1024) continue;
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    }
  }
}

walk(root);
