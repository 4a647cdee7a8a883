/**
 * The screen shown when drawing the page fails: never a blank page. It keeps the permalink of the current answers
 * copyable, and offers a reload and a reset.
 */
import { Component, useRef, useState, type ReactNode } from 'react';
import { copyText } from './actions';
import { defaultAnswers } from '../core/answers';
import { permalinkUrl } from '../core/permalink';
import { appBaseUrl } from './engine';
import { forgetSaved } from './state/persistence';
import { reloadWithoutConfig } from './state/url-sync';
import { useWizard } from './store';
import { UI, text } from './ui';

function currentLink(): string {
  try {
    return permalinkUrl(useWizard.getState().answers, appBaseUrl());
  } catch {
    return window.location.href;
  }
}

export function Recovery({ error }: { error: unknown }) {
  let lang: 'en' | 'ja' = 'en';
  try {
    lang = useWizard.getState().lang;
  } catch {
    // the store itself failed: English
  }
  const [link] = useState(currentLink);
  const [copied, setCopied] = useState<boolean | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  return (
    <main className="recovery" role="alert">
      <h1>{text(lang, UI.crashTitle)}</h1>
      <p>{text(lang, UI.crashText)}</p>
      <label>
        {text(lang, UI.permalink)}
        <textarea ref={field} readOnly value={link} rows={3} onFocus={(e) => e.target.select()} />
      </label>
      <p>
        <button
          type="button"
          onClick={() =>
            void copyText(link).then((ok) => {
              setCopied(ok);
              // Not copied: the link is selected in its field, to copy by hand.
              if (!ok) field.current?.focus();
            })
          }
        >
          {text(lang, copied ? UI.copied : UI.copyLink)}
        </button>{' '}
        <span role="status">{copied === false ? text(lang, UI.copyFailed) : ''}</span>
      </p>
      <p className="muted">{error instanceof Error ? error.message : String(error)}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {text(lang, UI.reload)}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            try {
              forgetSaved();
              useWizard.getState().load(defaultAnswers());
            } catch {
              // nothing more to clear
            }
            reloadWithoutConfig();
          }}
        >
          {text(lang, UI.reset)}
        </button>
      </p>
    </main>
  );
}

export class RecoveryBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error !== null ? <Recovery error={this.state.error} /> : this.props.children;
  }
}
