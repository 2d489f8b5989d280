// The single-page app's shell for one address, naming the code of the page at that address and the public answers it
// shows first. The web app's build lists each route's files (frontend/build/route-preloads.ts); with them in the HTML
// the browser fetches the page's code beside the entry instead of after the entry has run, one round trip sooner.
// The answers (shared/first-reads.ts) would otherwise wait for all of that code to run: named here, they arrive
// while it downloads.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { match } from 'path-to-regexp';
import { webApp, type RoutePreload } from '@tutoring-platform/shared/catalog';
import { firstReads } from '@tutoring-platform/shared/first-reads';

// `crossorigin` on both: the app loads its scripts and a page's stylesheet in CORS mode, and the browser hands a
// preload over only to a request of the same mode (else it fetches the file a second time)
const preloadTags = ({ scripts, styles }: RoutePreload) =>
  [
    ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="${file}">`),
    ...styles.map((file) => `<link rel="preload" as="style" crossorigin href="${file}">`),
  ].join('');

const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

// `crossorigin`: the app's fetch() is a CORS request with same-origin credentials, and a preload is handed over only
// to a request of the same mode
const readTags = (urls: string[]) => urls.map((url) => `<link rel="preload" as="fetch" crossorigin href="${attribute(url)}">`).join('');

/**
 * Returns the shell's HTML for an address, its path and query. Read once, like the precompressed assets: a new build
 * is served by a new process. A build without the list (or a path no route claims) gets the shell as it is; no build, no shell.
 * Without `namesFirstReads`, the shell names only code: the web benches measure what the answers' preloads give.
 */
export function pageShell(
  webRoot: string,
  { namesFirstReads = true } = {},
): (urlPath: string, query: URLSearchParams) => string | undefined {
  let shell: string | undefined;
  const shellFile = path.join(webRoot, 'index.html');
  const listFile = path.join(webRoot, webApp.routePreloads);
  const routes = (existsSync(listFile) ? (JSON.parse(readFileSync(listFile, 'utf8')) as RoutePreload[]) : [])
    // as the router ranks them: a fixed path ("/groups/new") before a pattern that would also match it
    .sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')))
    .map((route) => ({ path: route.path, matches: match(route.path, { decode: false }), tags: preloadTags(route) }));
  const shells = new Map<string, string>();
  return (urlPath, query) => {
    if (shell === undefined && !existsSync(shellFile)) return undefined;
    shell ??= readFileSync(shellFile, 'utf8');
    for (const route of routes) {
      const found = route.matches(urlPath);
      if (!found) continue;
      let html = shells.get(route.tags);
      if (!html) shells.set(route.tags, (html = shell.replace('</head>', `${route.tags}</head>`)));
      const reads = namesFirstReads ? firstReads(route.path, found.params as Partial<Record<string, string>>, query) : [];
      return reads.length ? html.replace('</head>', `${readTags(reads)}</head>`) : html;
    }
    return shell;
  };
}
