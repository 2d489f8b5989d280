// The single-page app's shell for one address, naming the code of the page at that address. The web app's build
// lists each route's files (frontend/build/route-preloads.ts); with them in the HTML the browser fetches the page's
// code beside the entry instead of after the entry has run, one round trip sooner.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { match } from 'path-to-regexp';
import { webApp, type RoutePreload } from '@tutoring-platform/shared/catalog';

const preloadTags = ({ scripts, styles }: RoutePreload) =>
  [
    ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="${file}">`),
    ...styles.map((file) => `<link rel="preload" as="style" href="${file}">`),
  ].join('');

/**
 * Returns the shell's HTML for a path. Read once, like the precompressed assets: a new build is served by a new
 * process. A build without the list (or a path no route claims) gets the shell as it is; no build, no shell.
 */
export function pageShell(webRoot: string): (urlPath: string) => string | undefined {
  let shell: string | undefined;
  const shellFile = path.join(webRoot, 'index.html');
  const listFile = path.join(webRoot, webApp.routePreloads);
  const routes = (existsSync(listFile) ? (JSON.parse(readFileSync(listFile, 'utf8')) as RoutePreload[]) : [])
    // as the router ranks them: a fixed path ("/groups/new") before a pattern that would also match it
    .sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')))
    .map((route) => ({ matches: match(route.path, { decode: false }), tags: preloadTags(route) }));
  const shells = new Map<string, string>();
  return (urlPath) => {
    if (shell === undefined && !existsSync(shellFile)) return undefined;
    shell ??= readFileSync(shellFile, 'utf8');
    const route = routes.find((r) => r.matches(urlPath));
    if (!route) return shell;
    let html = shells.get(route.tags);
    if (!html) shells.set(route.tags, (html = shell.replace('</head>', `${route.tags}</head>`)));
    return html;
  };
}
