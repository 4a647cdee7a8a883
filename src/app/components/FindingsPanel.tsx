/** Every finding of the configuration: severity, where, why, and the one-click fix (an answer change). */
import { memo, useState } from 'react';
import type { Answers } from '../../core/answers';
import type { Finding } from '../../core/findings';
import { SEVERITY_ORDER } from '../../core/severity';
import { useStatus } from '../actions';
import { useHighlight } from '../highlight';
import { overturnedLimits, useWizard } from '../store';
import { SEVERITY, UI, useT } from '../ui';

/** The start page's question for each limit the user can set there. */
const LIMIT_QUESTIONS: Partial<Record<keyof Answers, typeof UI.canPrivileged>> = { allowPrivileged: UI.canPrivileged };

/**
 * After a fix the finding's item is gone: the focus goes to the question the fix changed when it is on the page,
 * else to the findings heading, never to the page body.
 */
function focusAfterFix(patch: Partial<Answers>): void {
  requestAnimationFrame(() => {
    for (const key of Object.keys(patch)) {
      const q = document.querySelector<HTMLElement>(`.question[data-key="${key}"]`);
      const target = q?.querySelector<HTMLElement>(
        'input:checked:not(:disabled), input:not(:disabled), select, textarea',
      );
      if (target) {
        target.focus();
        return;
      }
    }
    document.getElementById('findings-title')?.focus();
  });
}

/** Re-renders only when the findings themselves change, not on every answer. */
export const FindingsPanel = memo(
  FindingsList,
  (prev, next) => prev.onShow === next.onShow && JSON.stringify(prev.findings) === JSON.stringify(next.findings),
);

function FindingsList({ findings, onShow }: { findings: Finding[]; onShow: (f: Finding) => void }) {
  const t = useT();
  const apply = useWizard((s) => s.apply);
  const limits = useWizard((s) => s.limits);
  const lang = useWizard((s) => s.lang);
  /** The finding whose fix waits for the user's confirmation (it overturns a start-page answer). */
  const [asking, setAsking] = useState<string | null>(null);
  const applyFix = (f: Finding) => {
    apply(f.fix.patch);
    say(t(UI.fixed, { fix: f.fix.label }));
    setAsking(null);
    focusAfterFix(f.fix.patch);
  };
  const say = useStatus((s) => s.say);
  const fromDiagram = useHighlight((s) => (s.from === 'diagram' ? s.findings : null));
  const setHighlight = useHighlight((s) => s.set);
  const clearHighlight = useHighlight((s) => s.clear);
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title" tabIndex={-1}>
        {t(UI.findings)} <span className="count">({findings.length})</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">{t(UI.noFindings)}</p>
      ) : (
        <ul>
          {sorted.map((f) => (
            <li
              key={f.id}
              className={`finding sev-${f.severity}${fromDiagram?.includes(f.id) ? ' hl' : ''}`}
              data-finding={f.id}
              onMouseEnter={() => setHighlight([f.id], 'findings')}
              onMouseLeave={() => clearHighlight('findings')}
              onFocus={() => setHighlight([f.id], 'findings')}
              onBlur={() => clearHighlight('findings')}
            >
              <div className="finding-head">
                <span className={`sev sev-${f.severity}`}>{t(SEVERITY[f.severity])}</span>
                <strong>{f.title}</strong>
              </div>
              <p>{f.reason}</p>
              <div className="finding-actions">
                <button type="button" className="link" onClick={() => onShow(f)}>
                  {t(UI.showLine, { file: f.file, line: f.line })}
                </button>
                <button
                  type="button"
                  className="fix"
                  aria-expanded={asking === f.id ? true : undefined}
                  onClick={() => {
                    const overturned = overturnedLimits(limits, useWizard.getState().answers, f.fix.patch);
                    if (overturned.length && asking !== f.id) setAsking(f.id);
                    else applyFix(f);
                  }}
                >
                  {t(UI.fix)}: {f.fix.label}
                </button>
              </div>
              {asking === f.id ? (
                <div className="fix-confirm" role="group" aria-label={t(UI.fixConfirmLabel)}>
                  <p>
                    {t(UI.fixOverturns, {
                      answers: overturnedLimits(limits, useWizard.getState().answers, f.fix.patch)
                        .map((k) => LIMIT_QUESTIONS[k]?.[lang] ?? k)
                        .join(', '),
                    })}
                  </p>
                  <button type="button" className="fix" onClick={() => applyFix(f)}>
                    {t(UI.fixAnyway)}
                  </button>{' '}
                  <button type="button" className="link" autoFocus onClick={() => setAsking(null)}>
                    {t(UI.fixKeep)}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
