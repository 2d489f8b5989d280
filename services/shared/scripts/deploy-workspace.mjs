#!/usr/bin/env node
// Lays out one workspace for its production image: the workspace and the workspaces it depends on at run time
// (transitively), each with its package.json and the files it declares in `files`, plus their production
// node_modules installed from the lockfile and npm's cache (offline). Usage: deploy-workspace.mjs <workspace> <out>
// (npm's own `--omit=dev --workspace` still installs workspaces that are only dev dependencies, and all they need.)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [workspace, out] = process.argv.slice(2);
if (!workspace || !out) {
  console.error('usage: deploy-workspace.mjs <workspace folder> <output folder>');
  process.exit(2);
}
const root = process.cwd();
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifestOf = (folder) => JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8'));
const folderByName = new Map(rootManifest.workspaces.map((folder) => [manifestOf(folder).name, folder]));

// the workspace and every workspace reachable through `dependencies`
const needed = new Set();
const visit = (folder) => {
  if (needed.has(folder)) return;
  needed.add(folder);
  for (const name of Object.keys(manifestOf(folder).dependencies ?? {})) if (folderByName.has(name)) visit(folderByName.get(name));
};
visit(workspace);

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'package.json'), JSON.stringify({ ...rootManifest, workspaces: [...needed], devDependencies: {} }, null, 2));
cpSync(path.join(root, 'package-lock.json'), path.join(out, 'package-lock.json'));
for (const folder of needed) {
  const manifest = manifestOf(folder);
  mkdirSync(path.join(out, folder), { recursive: true });
  cpSync(path.join(root, folder, 'package.json'), path.join(out, folder, 'package.json'));
  for (const entry of manifest.files ?? ['dist']) {
    const from = path.join(root, folder, entry);
    if (!existsSync(from)) throw new Error(`${folder}: "${entry}" (in its files) does not exist; build it first`);
    cpSync(from, path.join(out, folder, entry), { recursive: true, filter: (file) => !file.endsWith('.tsbuildinfo') });
  }
}
execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', '--workspace', workspace], {
  cwd: out,
  stdio: 'inherit',
});
console.error(`deployed ${workspace} with ${[...needed].join(', ')} to ${out}`);
