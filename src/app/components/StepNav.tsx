/** The steps, always visible: the start page, then each group of questions, then the set-up steps. */
import { Link, useRouterState } from '@tanstack/react-router';
import { STEPS } from '../questions';
import { UI, useT } from '../ui';

export function StepNav() {
  const t = useT();
  const current = useRouterState({ select: (s) => s.location.pathname.replace(/^\//, '') });
  return (
    <nav className="stepper" aria-label={t(UI.steps)}>
      <ol>
        <li>
          <Link to="/" search={(prev) => prev} aria-current={current === '' ? 'step' : undefined}>
            {t(UI.start)}
          </Link>
        </li>
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <Link
              to="/$step"
              params={{ step: s.id }}
              search={(prev) => prev}
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
        search={(prev) => prev}
        aria-current={current === 'troubleshoot' ? 'page' : undefined}
      >
        {t(UI.troubleshoot)}
      </Link>
    </nav>
  );
}
