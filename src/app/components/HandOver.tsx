/** Download of the zip, Share (copies the permalink), and the permalink itself. */
import { useId, useMemo, useState } from 'react';
import { permalinkUrl } from '../../core/permalink';
import { copyText, downloadBytes, useStatus } from '../actions';
import { appBaseUrl, useEngine, useGenerated } from '../engine';
import { useWizard } from '../store';
import { UI, useT } from '../ui';

export const ZIP_NAME = 'gitlab-docker-build.zip';

export function HandOver({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const id = useId();
  const answers = useWizard((s) => (compact ? null : s.answers));
  const result = useGenerated();
  const { engine } = useEngine();
  const say = useStatus((s) => s.say);
  const [shown, setShown] = useState(!compact);
  // The link is built when it is shown or copied, not on every change of an answer.
  const shownLink = useMemo(() => (answers ? permalinkUrl(answers, appBaseUrl()) : ''), [answers]);
  const [fallback, setFallback] = useState('');
  const link = () => shownLink || permalinkUrl(useWizard.getState().answers, appBaseUrl());
  return (
    <div className={compact ? 'handover compact' : 'handover'}>
      <button
        type="button"
        className="primary"
        disabled={!engine || !result}
        onClick={() => {
          if (engine && result) downloadBytes(ZIP_NAME, engine.zipFiles(result), 'application/zip');
        }}
      >
        {t(UI.download)}
      </button>
      <button
        type="button"
        onClick={() => {
          const url = link();
          void copyText(url).then((ok) => {
            if (!ok) {
              setFallback(url);
              setShown(true);
            }
            say(ok ? t(UI.shareDone) : t(UI.copyFailed));
          });
        }}
      >
        {t(UI.share)}
      </button>
      {shown && (
        <div className="permalink">
          <label htmlFor={id}>{compact ? t(UI.shareFallback) : t(UI.permalink)}</label>
          <input id={id} type="text" readOnly value={shownLink || fallback} onFocus={(e) => e.target.select()} />
          {!compact && <p className="help">{t(UI.permalinkHelp)}</p>}
        </div>
      )}
    </div>
  );
}
