import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { Recovery, RecoveryBoundary } from './Recovery';
import { makeRouter, normalizeHash } from './router';
import './app.css';

normalizeHash();
const root = document.getElementById('root');
if (root) {
  try {
    const router = makeRouter();
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
