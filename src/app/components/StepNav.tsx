/**
 * The steps, always visible: the start page, then each group of questions, then the set-up steps; beside them the
 * troubleshooter and the import of the user's own files. Links carry the configuration (`c`) along, not a page's
 * own search keys (the compare page's `a` and `b`).
 */
import { Link, useRouterState } from '@tanstack/react-router';
import { FRAGMENT_KEY } from '../../core/permalink';
import { STEPS } from '../questions';
import { UI, useT } from '../ui';

const keepConfig = (prev: Record<string, unknown>): Record<string, unknown> =>
  typeof prev[FRAGMENT_KEY] === 'string' ? { [FRAGMENT_KEY]: prev[FRAGMENT_KEY] } : {};

export function StepNav() {
  const t = useT();
  const current = useRouterState({ select: (s) => s.location.pathname.replace(/^\//, '') });
  return (
    <nav className="stepper" aria-label={t(UI.steps)}>
      <ol>
        <li>
          <Link to="/" search={keepConfig} aria-current={current === '' ? 'step' : undefined}>
            {t(UI.start)}
          </Link>
        </li>
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <Link
              to="/$step"
              params={{ step: s.id }}
              search={keepConfig}
              aria-current={current === s.id ? 'step' : undefined}
            >
              <span className="step-n">{i + 1}</span> {t(s.title)}
            </Link>
          </li>
        ))}
      </ol>
      <Link
        className="nav-extra"
        to="/troubleshoot"
        search={keepConfig}
        aria-current={current === 'troubleshoot' ? 'page' : undefined}
      >
        {t(UI.troubleshoot)}
      </Link>
      <Link
        className="nav-extra"
        to="/import"
        search={keepConfig}
        aria-current={current === 'import' ? 'page' : undefined}
      >
        {t(UI.importConfig)}
      </Link>
    </nav>
  );
}
