// Chrome compiles a script's functions lazily: each one on the main thread, the first time it is called. On a first
// visit that is a large share of the app's start-up work, all of it between the page's code arriving and the page
// answering. A script that opens with the comment below is compiled whole instead, on the background thread that
// streams it in (Chrome 136 and later; other browsers see a comment). The app's chunks are split by page and each is
// fetched only when a page that runs it opens, so every one of them carries it.
import type { Plugin, Rollup } from 'vite';

export const compileHint = '//# allFunctionsCalledOnLoad';

function addHints(bundle: Rollup.OutputBundle): void {
  for (const item of Object.values(bundle)) {
    if (item.type !== 'chunk') continue;
    item.code = `${compileHint}\n${item.code}`;
    // a source map, when one is built, starts one line lower
    const map = bundle[`${item.fileName}.map`];
    if (map?.type === 'asset' && typeof map.source === 'string') {
      const parsed = JSON.parse(map.source) as { mappings: string };
      map.source = JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` });
    }
  }
}

export function compileHints(): Plugin {
  return {
    name: 'compile-hints',
    apply: 'build',
    // Chrome reads the hint only before the first line of code. Vite writes its list of the files each dynamic
    // import preloads (`const __vite__mapDeps = …`) at the top of a chunk in a late step of its own, and the copies
    // are compressed in a later one; no plugin hook falls in between, so the hint follows that step directly.
    configResolved(config) {
      const analysis = config.plugins.find((plugin) => plugin.name === 'vite:build-import-analysis');
      const step = analysis?.generateBundle;
      if (!step) throw new Error('compile-hints: found no vite:build-import-analysis step to follow');
      const run = typeof step === 'function' ? step : step.handler;
      const then: typeof run = async function (this: ThisParameterType<typeof run>, ...args: Parameters<typeof run>) {
        await run.apply(this, args);
        addHints(args[1]);
      };
      if (typeof step === 'function') Object.assign(analysis, { generateBundle: then });
      else step.handler = then;
    },
  };
}
