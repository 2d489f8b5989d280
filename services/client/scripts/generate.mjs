// Generates the clients' types from the committed contracts in openapi/, in `npm run build`. The output in
// src/generated/ is not committed: the contracts are the source.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.join(import.meta.dirname, '..');
const out = path.join(root, 'src', 'generated');
mkdirSync(out, { recursive: true });
for (const file of readdirSync(path.join(root, 'openapi')).filter((f) => f.endsWith('.json'))) {
  const service = path.basename(file, '.json');
  const ast = await openapiTS(JSON.parse(readFileSync(path.join(root, 'openapi', file), 'utf8')));
  writeFileSync(
    path.join(out, `${service}.ts`),
    `// Generated from openapi/${file} by scripts/generate.mjs. Do not edit.\n${astToString(ast)}`,
  );
}
