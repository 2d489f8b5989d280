// Bootstrap's stylesheet holds every component and utility it has: 233 KB, of which the app uses about half. The
// browser reads all of it before the first paint, and every change to the page is matched against every rule, so
// the unused half is paid for on each render, four times over on a mid-range phone. This plugin drops the rules
// whose classes no code of the app names, before the stylesheet is bundled: the bundle names the file by what is
// left, so a browser never keeps a copy from a build that needed other rules.
//
// What names a class:
// - the app's own code, and the react-bootstrap modules it imports (with theirs), where class names are written out;
// - react-day-picker, whose elements sit under Bootstrap's base rules for tables and buttons;
// - the families react-bootstrap joins with a prop at run time (`${prefix}-${variant}`, `col${infix}-${span}`), whose
//   full names are written nowhere: every rule under a component prefix or template those modules hold is kept.
// The browser journeys check every page state they visit: no Bootstrap rule that applies to it was dropped.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PurgeCSS } from 'purgecss';
import type { Plugin } from 'vite';

/** Form feedback is named by its type (`${type}-feedback`), which the module holds in a variable. */
const typedFamilies = ['valid', 'invalid'];

const nodeModules = path.dirname(path.dirname(createRequire(import.meta.url).resolve('react-bootstrap/package.json')));
const libraryFile = (file: string) => path.join(nodeModules, file);

/** The sources of the files under a folder whose names match. */
const sourcesUnder = (folder: string, name: RegExp) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(file))
    .map((file) => readFileSync(path.join(folder, file), 'utf8'));

/** The sources of the react-bootstrap modules the app imports, with the modules of react-bootstrap each imports. */
function reactBootstrapModules(appSources: Iterable<string>): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    const source = readFileSync(file, 'utf8');
    found.set(file, source);
    for (const [, relative] of source.matchAll(/from '\.\/([\w-]+)'/g)) visit(path.join(path.dirname(file), `${relative}.js`));
  };
  for (const source of appSources) {
    for (const [, component] of source.matchAll(/from 'react-bootstrap\/(\w+)'/g))
      visit(libraryFile(`react-bootstrap/esm/${component}.js`));
  }
  return found;
}

/** The class families the modules join at run time: components' prefixes ('btn') and templates (`bg-${bg}`). */
function composedFamilies(sources: Iterable<string>): string[] {
  const families = new Set(typedFamilies);
  for (const source of sources) {
    for (const [, prefix] of source.matchAll(/useBootstrapPrefix\([^,)]*,\s*'([\w-]+)'\)/g)) families.add(prefix!);
    for (const [, start] of source.matchAll(/`([a-z][\w-]*?)-?\$\{/g)) families.add(start!);
  }
  return [...families];
}

export function leanBootstrap(appRoot: string): Plugin {
  return {
    name: 'lean-bootstrap',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: /[\\/]bootstrap[\\/]dist[\\/]css[\\/]bootstrap\.min\.css$/ },
      async handler(css) {
        const app = sourcesUnder(path.join(appRoot, 'src'), /(?<!\.test)\.tsx?$/);
        const modules = reactBootstrapModules(app);
        const families = composedFamilies(modules.values());
        // each file is read once: PurgeCSS takes what was read
        const raw = (sources: Iterable<string>, extension: string) => [...sources].map((text) => ({ raw: text, extension }));
        const [lean] = await new PurgeCSS().purge({
          content: [
            ...raw(app, 'tsx'),
            path.join(appRoot, 'index.html'),
            ...raw(modules.values(), 'js'),
            ...raw(sourcesUnder(libraryFile('react-day-picker/dist/esm'), /\.js$/), 'js'),
          ],
          css: [{ raw: css }],
          safelist: { standard: [new RegExp(`^(${families.join('|')})(-|$)`)] },
          keyframes: true,
          fontFace: true,
        });
        return { code: lean!.css, map: null };
      },
    },
  };
}
