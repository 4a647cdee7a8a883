/**
 * Download of the zip (named after the setup), Share (copies the permalink), the permalink itself, and a link to
 * compare this setup with another link (`#/compare?a=<this configuration>`).
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useState } from 'react';
import { FRAGMENT_KEY, linkConfig, permalinkUrl } from '../../core/permalink';
import { copyText, downloadBytes, useStatus } from '../actions';
import { appBaseUrl, useEngine, useGenerated } from '../engine';
import { zipName } from '../setupName';
import { useWizard } from '../store';
import { UI, useT } from '../ui';
import { CopyFallback } from './CopyFallback';

/** How long "Link copied" stays beside Share, in milliseconds. */
const SHOWN_MS = 2500;

export function HandOver({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const id = useId();
  const answers = useWizard((s) => (compact ? null : s.answers));
  const result = useGenerated();
  const { engine } = useEngine();
  const say = useStatus((s) => s.say);
  // The link is built when it is shown or copied, not on every change of an answer.
  const shownLink = useMemo(() => (answers ? permalinkUrl(answers, appBaseUrl()) : ''), [answers]);
  const [copied, setCopied] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(0), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const link = () => shownLink || permalinkUrl(useWizard.getState().answers, appBaseUrl());
  return (
    <div className={compact ? 'handover compact' : 'handover'}>
      <button
        type="button"
        className="primary"
        disabled={!engine || !result}
        onClick={() => {
          if (engine && result) downloadBytes(zipName(result.plan), engine.zipFiles(result), 'application/zip');
        }}
      >
        {t(UI.download)}
      </button>
      <button
        type="button"
        onClick={() => {
          const url = link();
          void copyText(url).then((ok) => {
            if (ok) setCopied((n) => n + 1);
            else {
              setCopied(0);
              setFailed(url);
            }
            say(ok ? t(UI.shareDone) : t(UI.copyFailed));
          });
        }}
      >
        {t(UI.share)}
      </button>
      {/* Seen here, heard through the status line (say): announced once. */}
      {copied > 0 && (
        <span className="copy-status" aria-hidden="true">
          {t(UI.linkCopied)}
        </span>
      )}
      {failed !== null && <CopyFallback text={failed} onClose={() => setFailed(null)} />}
      {!compact && (
        <div className="permalink">
          <label htmlFor={id}>{t(UI.permalink)}</label>
          <input id={id} type="text" readOnly value={shownLink} onFocus={(e) => e.target.select()} />
          <p className="help">{t(UI.permalinkHelp)}</p>
          {shownLink ? (
            <p>
              <Link
                to="/compare"
                search={(prev: Record<string, unknown>) => ({
                  [FRAGMENT_KEY]: prev[FRAGMENT_KEY],
                  a: linkConfig(shownLink) ?? '',
                })}
              >
                {t(UI.compareLinks)}
              </Link>
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
