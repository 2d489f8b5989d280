// Lints the committed contracts with two standard tools, Spectral (spectral:oas) and Redocly (recommended),
// prints errors and warnings per document and fails on any. What is silenced is silenced in their configs.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const documents = readdirSync(path.join(root, 'openapi'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join('openapi', f));

function run(command, args) {
  try {
    return execFileSync(command, args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
      // no telemetry or update checks: the build machines have no network
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (err) {
    // both exit non-zero when they find problems; their reports are on stdout
    if (err.stdout) return err.stdout;
    throw err;
  }
}
const bin = (name) => path.join(root, '..', '..', 'node_modules', '.bin', name);

const spectral = JSON.parse(
  run(bin('spectral'), ['lint', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet', ...documents]) || '[]',
);

const say = (line) => process.stdout.write(`${line}\n`);
let problems = 0;
for (const document of documents) {
  const ours = spectral.filter((p) => path.relative(root, p.source) === document);
  const spectralErrors = ours.filter((p) => p.severity === 0);
  const spectralWarnings = ours.filter((p) => p.severity === 1);
  const theirs = JSON.parse(run(bin('redocly'), ['lint', '--config', 'redocly.yaml', '--format', 'json', document])).problems ?? [];
  const redoclyErrors = theirs.filter((p) => p.severity === 'error');
  const redoclyWarnings = theirs.filter((p) => p.severity === 'warn');
  say(
    `${document}: Spectral ${spectralErrors.length} errors, ${spectralWarnings.length} warnings; Redocly ${redoclyErrors.length} errors, ${redoclyWarnings.length} warnings`,
  );
  for (const p of [...spectralErrors, ...spectralWarnings]) say(`  spectral ${p.code}: ${p.message} at ${p.path.join('.')}`);
  for (const p of [...redoclyErrors, ...redoclyWarnings]) say(`  redocly ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
  problems += ours.filter((p) => p.severity <= 1).length + redoclyErrors.length + redoclyWarnings.length;
}
if (problems) {
  console.error(`${problems} problems in the OpenAPI contracts`);
  process.exit(1);
}
