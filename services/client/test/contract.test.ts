import { readFileSync } from 'node:fs';
import path from 'node:path';
import { breakingChanges } from '@tutoring-platform/testing';
import { liveDocuments } from './live-documents';

const committed = (service: string) => JSON.parse(readFileSync(path.join(__dirname, '..', 'openapi', `${service}.json`), 'utf8')) as object;

describe.each(Object.entries(liveDocuments()))('the %s service’s public contract', (service, document) => {
  const live = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  const accept = `If this is meant, run \`npm run contracts:update\` and commit services/client/openapi/${service}.json with the change.`;

  it('when its route declarations change, then nothing that clients rely on breaks', () => {
    const breaks = breakingChanges(committed(service) as Record<string, unknown>, live);
    if (breaks.length) throw new Error(`Breaking changes to the ${service} API:\n- ${breaks.join('\n- ')}\n${accept}`);
  });

  it('when its route declarations change, then the committed contract shows the change', () => {
    if (JSON.stringify(live) !== JSON.stringify(committed(service))) {
      throw new Error(`The ${service} service’s OpenAPI document differs from the committed contract (no breaking change). ${accept}`);
    }
  });
});
