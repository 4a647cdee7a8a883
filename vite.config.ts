import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of the built app: scripts only from the app's own files (no inline script, no eval),
 * no request to another origin. Styles allow inline `<style>` because Monaco creates its stylesheets at run time.
 * `frame-ancestors` cannot be set from a meta tag; README's Deploy section gives the header form.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Puts the policy into the built index.html (the dev server keeps its inline hot-reload script). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// `base: './'` makes the static build work from any sub-path (GitLab Pages, a file share, ...).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    // The real-tool tests need root and Debian packages: `npm run test:real` (vitest.real.config.ts) runs them.
    exclude: ['**/node_modules/**', 'src/**/*.real.test.ts'],
    testTimeout: 60_000,
  },
});
