// The web app's build (Vite) and component tests (Vitest, jsdom, MSW).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // the size report (bench/bundle-size.mjs) reads the manifest to tell initial from route chunks
    manifest: true,
    sourcemap: false,
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
    // the week grid renders 336 buttons; jsdom on two busy cores needs more than the 5 s default
    testTimeout: 20_000,
  },
});
