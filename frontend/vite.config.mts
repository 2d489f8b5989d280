// The web app's build (Vite) and component tests (Vitest, jsdom, MSW).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig, type Plugin } from 'vitest/config';
import { compileHints } from './build/compile-hints';
import { dateData } from './build/date-data';
import { leanBootstrap } from './build/lean-bootstrap';
import { routePreloads } from './build/route-preloads';

/** The API reference page (public/api-docs) renders with Swagger UI's prebuilt bundle, copied in from the package. */
function swaggerUiAssets(): Plugin {
  const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return {
    name: 'swagger-ui-assets',
    apply: 'build',
    generateBundle() {
      for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
        this.emitFile({ type: 'asset', fileName: `api-docs/${file}`, source: readFileSync(path.join(dist, file)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    leanBootstrap(import.meta.dirname),
    swaggerUiAssets(),
    routePreloads(path.join(import.meta.dirname, 'src', 'app', 'router.tsx')),
    compileHints(),
    dateData(),
    // precompressed copies beside every text asset: the web server sends them as they are
    compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024 }),
  ],
  resolve: {
    // the web server reads the same module (compiled for Node); the app takes it from its TypeScript source
    alias: {
      '@tutoring-platform/shared/first-reads': path.join(import.meta.dirname, '..', 'services', 'shared', 'src', 'first-reads.ts'),
    },
  },
  build: {
    target: 'es2022',
    // the size report (bench/web-figures.ts) reads the manifest to tell initial from route chunks
    manifest: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Fewer, larger files for a page's first load: each request costs a round trip, and a phone on HTTP/1.1 makes
        // six at a time. Left to itself the bundler splits out every module that a page shares with the entry or
        // with another page, down to a kilobyte: the tutor page needed fifteen scripts, now eight.
        codeSplitting: {
          groups: [
            // everything every page runs, with the entry: one file
            { name: 'entry', tags: ['$initial'], priority: 2 },
            // the Bootstrap components (and what they import) pages use beyond those of the frame: one file, whichever
            // page comes first
            { name: 'ui', test: /[\\/]node_modules[\\/]react-bootstrap[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev -w @tutoring-platform/frontend` beside `npm start`: the API stays on the local gateway
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    restoreMocks: true,
    // One jsdom per worker instead of one per file: setting up jsdom was 15 of the run's 35 s. Each test starts
    // clean anyway: the setup file resets the MSW handlers, the session and the DOM after every test.
    isolate: false,
    // the default: a component test that needs more is too slow, not in need of a longer limit
    testTimeout: 5_000,
  },
});
