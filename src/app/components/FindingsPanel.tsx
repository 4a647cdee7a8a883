/** Every finding of the configuration: severity, where, why, and the one-click fix (an answer change). */
import { memo } from 'react';
import { SEVERITY_ORDER, type Finding } from '../../core/findings';
import { useStatus } from '../actions';
import { useHighlight } from '../highlight';
import { useWizard } from '../store';
import { SEVERITY, UI, useT } from '../ui';

/** Re-renders only when the findings themselves change, not on every answer. */
export const FindingsPanel = memo(
  FindingsList,
  (prev, next) => prev.onShow === next.onShow && JSON.stringify(prev.findings) === JSON.stringify(next.findings),
);

function FindingsList({ findings, onShow }: { findings: Finding[]; onShow: (f: Finding) => void }) {
  const t = useT();
  const apply = useWizard((s) => s.apply);
  const say = useStatus((s) => s.say);
  const fromDiagram = useHighlight((s) => (s.from === 'diagram' ? s.findings : null));
  const setHighlight = useHighlight((s) => s.set);
  const clearHighlight = useHighlight((s) => s.clear);
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
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
                  onClick={() => {
                    apply(f.fix.patch);
                    say(t(UI.fixed, { fix: f.fix.label }));
                  }}
                >
                  {t(UI.fix)}: {f.fix.label}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
