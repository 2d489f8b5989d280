// Which files each page of the app needs beyond the entry, written beside Vite's manifest for the web server. The
// server names them in the page's HTML (<link rel="modulepreload">), so a first visit fetches the page's code beside
// the entry instead of after it: one round trip fewer before anything shows, which on a phone network is most of
// the wait.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { webApp, type RoutePreload } from '@tutoring-platform/shared/catalog';

type OutputChunk = Rollup.OutputChunk;

/** `{ path: '/tutors/:tutorId', ...page(() => import('../features/…/tutor-page')) }` in the router. */
const routeLine = /path: '([^']+)',\s*\.\.\.page\(\(\) => import\('([^']+)'\)/g;

export function routePreloads(routerFile: string): Plugin {
  return {
    name: 'route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (chunk: OutputChunk, seen = new Set<string>()): Set<string> => {
        if (seen.has(chunk.fileName)) return seen;
        seen.add(chunk.fileName);
        for (const file of chunk.imports) closure(byFile.get(file)!, seen);
        return seen;
      };
      const entry = chunks.find((chunk) => chunk.isEntry)!;
      const initial = closure(entry);
      const source = readFileSync(routerFile, 'utf8');
      const routes = [...source.matchAll(routeLine)];
      // a route written another way would quietly lose its preload: the build says so instead
      if (routes.length !== source.split('import(').length - 1) {
        this.error(`route-preloads: every lazy route in ${routerFile} must read { path: '…', ...page(() => import('…')) }`);
      }
      const preloads: RoutePreload[] = routes
        .filter(([, pattern]) => pattern !== '*')
        .map(([, pattern, specifier]) => {
          const modulePath = path.resolve(path.dirname(routerFile), specifier!);
          const page = chunks.find((chunk) => chunk.facadeModuleId?.replace(/\.tsx?$/, '') === modulePath);
          if (!page) this.error(`route-preloads: no chunk for ${specifier}`);
          const own = [...closure(page)].filter((file) => !initial.has(file));
          return {
            path: pattern!,
            scripts: own.map((file) => `/${file}`),
            styles: own.flatMap((file) => [...(byFile.get(file)!.viteMetadata?.importedCss ?? [])]).map((file) => `/${file}`),
          };
        });
      this.emitFile({ type: 'asset', fileName: webApp.routePreloads, source: JSON.stringify(preloads, null, 2) });
    },
  };
}
