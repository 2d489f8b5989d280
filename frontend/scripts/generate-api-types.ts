// Generates the web app's API types from the services' own OpenAPI documents (the same zod schemas that validate
// requests and shape responses), so the web app cannot drift from the APIs it calls. Runs in `npm run build`;
// the output in src/lib/api-schema/ is not committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApi as groupsApi } from '@tutoring-platform/groups/app';
import { createApi as tutoringApi } from '@tutoring-platform/tutoring/app';
import { createApi as usersApi } from '@tutoring-platform/users/app';

const out = path.join(__dirname, '..', 'src', 'lib', 'api-schema');

// Only the route declarations are read: no handler runs, so the services need none of their dependencies.
const documents = {
  users: usersApi({} as never).openApiDocument(),
  tutoring: tutoringApi({} as never).openApiDocument(),
  groups: groupsApi({} as never).openApiDocument(),
};

async function main() {
  mkdirSync(out, { recursive: true });
  for (const [service, document] of Object.entries(documents)) {
    const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
    writeFileSync(
      path.join(out, `${service}.ts`),
      `// Generated from the ${service} service's OpenAPI document by frontend/scripts/generate-api-types.ts. Do not edit.\n${astToString(ast)}`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
