/**
 * Routes live in the URL fragment (hash history), so the static build works from any sub-path without server
 * rewrites: `#/` is the start page, `#/<step>` a step, and `?c=` after it the configuration. A plain `#c=...`
 * permalink (the core's format, as in SETUP.md) is accepted and rewritten at start-up to the first step, where
 * the colleague who opens it sees the answers at once.
 */
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Suspense, lazy } from 'react';
import { Recovery } from './Recovery';
import { Shell } from './Shell';
import { StartPage } from './pages/StartPage';
import { StepPage } from './pages/StepPage';

export interface WizardSearch {
  c?: string;
}

const rootRoute = createRootRoute({
  component: Shell,
  validateSearch: (search: Record<string, unknown>): WizardSearch =>
    typeof search.c === 'string' && search.c !== '' ? { c: search.c } : {},
});

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

const routeTree = rootRoute.addChildren([indexRoute, troubleshootRoute, stepRoute]);

/** Plain `key=value` search strings: the permalink stays exactly as the core wrote it. */
const parseSearch = (s: string): Record<string, unknown> => Object.fromEntries(new URLSearchParams(s));
const stringifySearch = (search: Record<string, unknown>): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (typeof v === 'string' && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
};

export function normalizeHash(): void {
  const hash = window.location.hash;
  if (hash !== '' && !hash.startsWith('#/'))
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}#/runner?${hash.slice(1)}`,
    );
}

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
