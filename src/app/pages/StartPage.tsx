import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEngine } from '../engine';
import { GROUP_LABELS, matchesPreset, PRESET_ENTRIES, PRESET_GROUPS } from '../presetIndex';
import { recommend, type Recommendation } from '../recommend';
import { MARKS, markAfterPaint } from '../marks';
import { useWizard } from '../store';
import { SEVERITY, UI, useT } from '../ui';

function YesNo({ label, value, onChange }: { label: string; value: boolean | null; onChange: (v: boolean) => void }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="choice inline">
      <legend>{label}</legend>
      {[true, false].map((v) => (
        <div className="option" key={String(v)}>
          <input type="radio" id={`${name}-${v}`} name={name} checked={value === v} onChange={() => onChange(v)} />
          <label htmlFor={`${name}-${v}`}>{v ? t(UI.yes) : t(UI.no)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Severities a recommendation names as its remaining risk. */
const RISKY = new Set(['critical', 'high', 'medium']);

/**
 * What the recommended setup still risks: the titles of its own findings at medium severity or above, computed
 * from its generated files once the engine has loaded (never a hand-written list that could drift).
 */
function RemainingRisk({ rec }: { rec: Recommendation }) {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const { engine } = useEngine();
  const risks = useMemo(
    () =>
      engine
        ? engine
            .generate(rec.answers, { lang })
            .findings.filter((f) => RISKY.has(f.severity))
            .map((f) => ({ id: f.id, text: `${t(SEVERITY[f.severity])}: ${f.title}` }))
        : null,
    [engine, rec, lang, t],
  );
  if (!risks) return null;
  return (
    <div className="remaining-risk" data-risks={risks.map((r) => r.id).join(' ')}>
      <strong>{t(UI.remainingRisk)}</strong>
      {risks.length === 0 ? (
        <p>{t(UI.noRemainingRisk)}</p>
      ) : (
        <ul>
          {risks.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StartPage() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const load = useWizard((s) => s.load);
  const navigate = useNavigate();
  // No default: whether jobs may run privileged containers is the user's limit, never assumed.
  const [privileged, setPrivileged] = useState<boolean | null>(null);
  const [admin, setAdmin] = useState(true);
  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  const [filter, setFilter] = useState('');
  const setLimits = useWizard((s) => s.setLimits);
  const rec = useMemo(() => (privileged === null ? null : recommend(privileged, admin)), [privileged, admin]);
  const go = () => void navigate({ to: '/$step', params: { step: 'runner' }, search: (prev) => prev });
  const shown = PRESET_ENTRIES.filter((e) => matchesPreset(e, filter));
  return (
    <div className="start">
      <h2>{t(UI.startTitle)}</h2>
      <section className="card" aria-labelledby="rec-title">
        <h3 id="rec-title">{t(UI.recommendTitle)}</h3>
        <YesNo label={t(UI.canPrivileged)} value={privileged} onChange={setPrivileged} />
        <YesNo label={t(UI.adminRunner)} value={admin} onChange={setAdmin} />
        <div className="recommendation" aria-live="polite">
          {rec ? (
            <>
              <strong>{rec.title[lang]}</strong>
              <p>{rec.why[lang]}</p>
              <RemainingRisk rec={rec} />
            </>
          ) : (
            <p className="muted">{t(UI.answerToRecommend)}</p>
          )}
        </div>
        <button
          type="button"
          className="primary"
          disabled={!rec || privileged === null}
          onClick={() => {
            if (!rec || privileged === null) return;
            load(rec.answers, {
              kind: 'info',
              text: { en: `Loaded: ${rec.title.en}`, ja: `読み込みました: ${rec.title.ja}` },
              undo: useWizard.getState().answers,
            });
            // The answer given here is a limit: a fix that would overturn it asks first.
            if (!privileged) setLimits({ allowPrivileged: false });
            go();
          }}
        >
          {t(UI.useRecommended)}
        </button>
      </section>
      <p>
        <button type="button" className="link" onClick={go}>
          {t(UI.continueCurrent)}
        </button>
      </p>
      <p className="troubleshoot-pitch">
        {t(UI.troubleshootPitch)}{' '}
        <Link to="/troubleshoot" search={(prev) => prev}>
          {t(UI.troubleshoot)}
        </Link>
      </p>
      <section className="card" aria-labelledby="presets-title">
        <h3 id="presets-title">{t(UI.presetsTitle)}</h3>
        <label className="filter">
          {t(UI.presetsFilter)}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        {shown.length === 0 ? (
          <p className="muted">{t(UI.presetsNone)}</p>
        ) : (
          PRESET_GROUPS.map((g) => {
            const entries = shown.filter((e) => e.group === g);
            if (entries.length === 0) return null;
            return (
              <div key={g} className="preset-group">
                <h4 id={`preset-group-${g}`}>{GROUP_LABELS[g][lang]}</h4>
                <ul className="presets" aria-labelledby={`preset-group-${g}`}>
                  {entries.map(({ preset: p, builder }) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        data-preset={p.id}
                        title={p.id}
                        onClick={() => {
                          load(p.answers, {
                            kind: 'info',
                            text: { en: `Loaded: ${p.title.en}`, ja: `読み込みました: ${p.title.ja}` },
                            undo: useWizard.getState().answers,
                          });
                          go();
                        }}
                      >
                        <span className="preset-title">{p.title[lang]}</span>
                        <span className="preset-builder">{builder[lang]}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </section>
    </div>
  );
}
