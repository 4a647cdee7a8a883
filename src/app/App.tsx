import { useMemo, useState } from 'react';
import { defaultAnswers, type Answers } from '../core/answers';
import { generate, zipFiles } from '../core/generate';
import { tr, type Lang } from '../core/i18n';
import { decodePermalink, permalinkFragment } from '../core/permalink';
import { PRESETS } from '../core/presets';

/** Reads the configuration from the URL fragment once, at start-up; a broken link gives the defaults and a message. */
function initialState(): { answers: Answers; error: string | null; presetId: string } {
  const hash = window.location.hash;
  if (hash.includes('c=')) {
    const decoded = decodePermalink(hash);
    if (decoded.ok) return { answers: decoded.answers, error: null, presetId: '' };
    return { answers: defaultAnswers(), error: decoded.error, presetId: 'default' };
  }
  return { answers: defaultAnswers(), error: null, presetId: 'default' };
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function App() {
  const [initial] = useState(initialState);
  const [answers, setAnswers] = useState<Answers>(initial.answers);
  const [presetId, setPresetId] = useState(initial.presetId);
  const [lang, setLang] = useState<Lang>(() => (navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en'));
  const [active, setActive] = useState('.gitlab-ci.yml');
  const baseUrl = `${window.location.origin}${window.location.pathname}`;
  const result = useMemo(() => generate(answers, { lang, baseUrl }), [answers, lang, baseUrl]);
  const file = result.files.find((f) => f.path === active) ?? result.files[0];
  const t = (en: string, ja: string) => tr(lang, en, ja);

  const choose = (id: string) => {
    setPresetId(id);
    const preset = PRESETS.find((p) => p.id === id);
    const next = preset ? preset.answers : defaultAnswers();
    setAnswers(next);
    window.history.replaceState(null, '', `#${permalinkFragment(next)}`);
  };

  return (
    <main lang={lang}>
      <h1>{t('GitLab CI Docker build wizard', 'GitLab CI Dockerビルドウィザード')}</h1>
      {initial.error && (
        <p role="alert">
          {initial.error} {t('Showing the defaults.', 'デフォルトを表示しています。')}
        </p>
      )}
      <div className="controls">
        <label>
          {t('Start from a documented setup', 'ドキュメントの構成から始める')}
          <select value={presetId} onChange={(e) => choose(e.target.value)}>
            <option value="default">
              {t('Recommended: Docker-in-Docker with TLS', '推奨: TLS付きDocker-in-Docker')}
            </option>
            {presetId === '' && <option value="">{t('From the link', 'リンクから')}</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} {p.title[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Language', '言語')}
          <select value={lang} onChange={(e) => setLang(e.target.value === 'ja' ? 'ja' : 'en')}>
            <option value="en">English</option>
            <option value="ja">日本語</option>
          </select>
        </label>
        <button type="button" onClick={() => download('gitlab-docker-build.zip', zipFiles(result))}>
          {t('Download zip', 'zipをダウンロード')}
        </button>
      </div>
      <div role="tablist" aria-label={t('Generated files', '生成されたファイル')}>
        {result.files.map((f) => (
          <button
            key={f.path}
            type="button"
            role="tab"
            aria-selected={f.path === file?.path}
            onClick={() => setActive(f.path)}
          >
            {f.path}
          </button>
        ))}
      </div>
      <pre role="tabpanel" aria-label={file?.path} tabIndex={0}>
        {file?.content}
      </pre>
      <h2>{t('Findings', '指摘事項')}</h2>
      <ul className="findings">
        {result.findings.map((f) => (
          <li key={f.id} data-severity={f.severity}>
            <strong>{f.title}</strong>{' '}
            <span className="muted">
              ({f.severity}, {f.file}:{f.line})
            </span>
            <div>{f.reason}</div>
            <div className="muted">
              {t('Fix', '対処')}: {f.fix.label}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
