// Prints the size of the typed client: its generated types per service, its own code, and the fetch library
// it calls through, raw and gzipped. Run after a build: npm run bench:client.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.join(import.meta.dirname, '..');
const say = (line) => process.stdout.write(`${line}\n`);
const size = (file) => {
  const bytes = readFileSync(file);
  return `${(bytes.length / 1024).toFixed(1)} KB (${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip)`;
};
const lines = (file) => readFileSync(file, 'utf8').split('\n').length;

for (const file of readdirSync(path.join(root, 'openapi'))) {
  const service = path.basename(file, '.json');
  const contract = JSON.parse(readFileSync(path.join(root, 'openapi', file), 'utf8'));
  const operations = Object.values(contract.paths).flatMap((item) => Object.keys(item)).length;
  const types = path.join(root, 'src', 'generated', `${service}.ts`);
  say(
    `${service}: ${operations} operations; contract ${size(path.join(root, 'openapi', file))}; generated types ${size(types)}, ${lines(types)} lines`,
  );
}
say(`client code (dist/index.js): ${size(path.join(root, 'dist', 'index.js'))}`);
const fetchLibrary = createRequire(path.join(root, 'package.json')).resolve('openapi-fetch');
say(`openapi-fetch (${path.basename(fetchLibrary)}): ${size(fetchLibrary)}`);
