/**
 * The steps: the start page, then each group of questions, then the set-up steps; beside them the troubleshooter and
 * the import of the user's own files. Always visible on wide screens; on narrow ones (CSS, <= 600 px) one button
 * names the current step and opens the list. Links carry the configuration (`c`) along, not a page's own search keys
 * (the compare page's `a` and `b`).
 */
import { memo, useState } from 'react';
import { Link, useRouterState } from '@tanstack/react-router';
import { FRAGMENT_KEY } from '../../core/permalink';
import { STEPS } from '../questions';
import { UI, useT } from '../ui';

const keepConfig = (prev: Record<string, unknown>): Record<string, unknown> =>
  typeof prev[FRAGMENT_KEY] === 'string' ? { [FRAGMENT_KEY]: prev[FRAGMENT_KEY] } : {};

/** Memoized: an answer change re-renders the shell, never the step links (each link reads the router's state). */
export const StepNav = memo(function StepNav() {
  const t = useT();
  const current = useRouterState({ select: (s) => s.location.pathname.replace(/^\//, '') });
  const [open, setOpen] = useState(false);
  const index = STEPS.findIndex((s) => s.id === current);
  const here =
    index >= 0
      ? `${index + 1}/${STEPS.length} ${t(STEPS[index]?.title ?? UI.start)}`
      : current === 'troubleshoot'
        ? t(UI.troubleshoot)
        : current === 'import'
          ? t(UI.importConfig)
          : t(UI.start);
  return (
    <nav
      className={open ? 'stepper open' : 'stepper'}
      aria-label={t(UI.steps)}
      onClick={(e) => {
        // Choosing a step closes the list on narrow screens.
        if ((e.target as HTMLElement).closest('a')) setOpen(false);
      }}
    >
      <button
        type="button"
        className="stepper-toggle"
        aria-expanded={open}
        aria-controls="stepper-list"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t(UI.steps)}: </span>
        {here}
      </button>
      <ol id="stepper-list">
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
});
