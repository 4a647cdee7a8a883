/**
 * Routes live in the URL fragment (hash history), so the static build works from any sub-path without server
 * rewrites: `#/` is the start page, `#/<step>` a step, and `?c=` after it the configuration. The router owns the
 * path (links between steps carry the search string along); `#/troubleshoot`, `#/import` and `#/compare` are
 * pages loaded on demand. The configuration in the URL is read and written by
 * `state/url-sync.ts` only, which also turns a plain `#c=...` permalink into the first step at start-up.
 */
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Suspense, lazy } from 'react';
import { Recovery } from './Recovery';
import { Shell } from './Shell';
import { StartPage } from './pages/StartPage';
import { StepPage } from './pages/StepPage';
import { parseSearch, stringifySearch } from './state/url-sync';

const rootRoute = createRootRoute({ component: Shell });

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: StartPage });
const stepRoute = createRoute({ getParentRoute: () => rootRoute, path: '$step', component: StepPage });

/** The troubleshooter, with its recognisers and the diff library, loads when it is opened. */
const TroubleshootPage = lazy(() => import('./pages/TroubleshootPage'));
const troubleshootRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'troubleshoot',
  component: () => (
    <Suspense fallback={<p className="muted">…</p>}>
      <TroubleshootPage />
    </Suspense>
  ),
});

/** Bring your own config: the readers, the linter and the fix load when the page is opened. */
const ImportPage = lazy(() => import('./pages/ImportPage'));
const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'import',
  component: () => (
    <Suspense fallback={<p className="muted">…</p>}>
      <ImportPage />
    </Suspense>
  ),
});

/** Two setups side by side (`#/compare?a=<link>&b=<link>`): loaded when it is opened. */
const ComparePage = lazy(() => import('./pages/ComparePage'));
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'compare',
  component: () => (
    <Suspense fallback={<p className="muted">…</p>}>
      <ComparePage />
    </Suspense>
  ),
});

const routeTree = rootRoute.addChildren([indexRoute, troubleshootRoute, importRoute, compareRoute, stepRoute]);

export function makeRouter() {
  return createRouter({
    routeTree,
    history: createHashHistory(),
    parseSearch,
    stringifySearch,
    // A render error shows the recovery screen (permalink, reload, reset), never a blank or generic page.
    defaultErrorComponent: ({ error }) => <Recovery error={error} />,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
