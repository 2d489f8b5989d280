// Writes each service's OpenAPI document, as its code declares it, over the committed contract in openapi/.
// Run it (npm run contracts:update) when a contract change is meant; the contract test shows what breaks.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { liveDocuments } from '../test/live-documents';

for (const [service, document] of Object.entries(liveDocuments())) {
  writeFileSync(path.join(__dirname, '..', 'openapi', `${service}.json`), `${JSON.stringify(document, null, 2)}\n`);
}
