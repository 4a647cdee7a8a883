import { useEffect, useId, useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { PRESETS } from '../../core/presets';
import { recommend } from '../recommend';
import { MARKS, markAfterPaint } from '../marks';
import { useWizard } from '../store';
import { UI, useT } from '../ui';

function YesNo({ label, value, onChange }: { label: string; value: boolean; onChange: (v: boolean) => void }) {
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

export function StartPage() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const load = useWizard((s) => s.load);
  const navigate = useNavigate();
  const [privileged, setPrivileged] = useState(true);
  const [admin, setAdmin] = useState(true);
  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  const [filter, setFilter] = useState('');
  const rec = recommend(privileged, admin);
  const go = () => void navigate({ to: '/$step', params: { step: 'runner' }, search: (prev) => prev });
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const presets = PRESETS.filter((p) => {
    const hay = `${p.id} ${p.title.en} ${p.title.ja} ${p.source}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return (
    <div className="start">
      <h2>{t(UI.startTitle)}</h2>
      <section className="card" aria-labelledby="rec-title">
        <h3 id="rec-title">{t(UI.recommendTitle)}</h3>
        <YesNo label={t(UI.canPrivileged)} value={privileged} onChange={setPrivileged} />
        <YesNo label={t(UI.adminRunner)} value={admin} onChange={setAdmin} />
        <div className="recommendation" aria-live="polite">
          <strong>{rec.title[lang]}</strong>
          <p>{rec.why[lang]}</p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            load(rec.answers, {
              kind: 'info',
              text: { en: `Loaded: ${rec.title.en}`, ja: `読み込みました: ${rec.title.ja}` },
              undo: useWizard.getState().answers,
            });
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
        {presets.length === 0 ? (
          <p className="muted">{t(UI.presetsNone)}</p>
        ) : (
          <ul className="presets">
            {presets.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  data-preset={p.id}
                  onClick={() => {
                    load(p.answers, {
                      kind: 'info',
                      text: { en: `Loaded: ${p.id} ${p.title.en}`, ja: `読み込みました: ${p.id} ${p.title.ja}` },
                      undo: useWizard.getState().answers,
                    });
                    go();
                  }}
                >
                  <span className="preset-id">{p.id}</span> <span className="preset-title">{p.title[lang]}</span>
                  <span className="preset-source">{p.source}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
