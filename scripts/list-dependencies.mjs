// Lists the production dependencies (what ships or runs the CLI), with the exact installed
// versions from package-lock.json, for review: `npm audit` cannot be used where the registry
// refuses audit requests. Usage: npm run deps
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const rows = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!key.startsWith('node_modules/') || entry.dev) continue;
  const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const direct = key === `node_modules/${name}` && name in (manifest.dependencies ?? {});
  rows.push({
    name,
    version: entry.version,
    license: entry.license ?? '?',
    direct,
    installScript: !!entry.hasInstallScript,
    path: key,
  });
}
rows.sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
for (const row of rows)
  console.log(
    `${row.direct ? '*' : ' '} ${row.name}@${row.version}  ${row.license}${row.installScript ? '  (install script)' : ''}${row.path !== `node_modules/${row.name}` ? `  [${row.path}]` : ''}`,
  );
console.log(
  `\n${rows.length} production packages (${rows.filter((r) => r.direct).length} direct, marked *); ${rows.filter((r) => r.installScript).length} with install scripts`,
);
