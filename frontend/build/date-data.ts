// The first date format a page builds makes the browser load its locale and time zone data: the longest single step of
// a page's start on a phone (35 to 200 ms here, one task that nothing can interrupt). A small classic script at the top
// of the shell's head takes that step before the first paint:
// - on a first visit, it arrives beside the stylesheet while the app's code is still on its way, and runs meanwhile;
// - on a return visit, everything comes from the cache, and the step falls before anything is on screen to tap, not
//   between the first paint and the page answering a tap, where an async script put it.
// Named by its content under /assets, it is cached for good like the app's code, so a return visit does not ask the
// server whether it changed before it can paint. The data is kept for the whole page: the app's formatters find it ready.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { compileHint } from './compile-hints';

const source = `${compileHint}\nnew Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(0);\n`;

export function dateData(): Plugin {
  const fileName = `assets/date-data-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
  return {
    name: 'date-data',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: `/${fileName}` }, injectTo: 'head-prepend' }],
  };
}
