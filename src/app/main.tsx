import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { Recovery, RecoveryBoundary } from './Recovery';
import { makeRouter } from './router';
import { startPersistence } from './state/persistence';
import { adoptPlainLink, hydrate, startUrlSync } from './state/url-sync';
import './app.css';

adoptPlainLink();
const root = document.getElementById('root');
if (root) {
  try {
    hydrate();
    const router = makeRouter();
    startUrlSync(router.history);
    startPersistence();
    createRoot(root).render(
      <StrictMode>
        <RecoveryBoundary>
          <RouterProvider router={router} />
        </RecoveryBoundary>
      </StrictMode>,
    );
  } catch (error) {
    createRoot(root).render(<Recovery error={error} />);
  }
}
