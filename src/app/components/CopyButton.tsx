import { useEffect, useState } from 'react';
import { copyText, useStatus } from '../actions';
import { UI, useT } from '../ui';
import { CopyFallback } from './CopyFallback';

/**
 * A copy button that says "Copied" for a moment and announces the result to screen readers. When the browser
 * refuses to copy, it says so and shows the text selected in a dialog (`CopyFallback`) to copy by hand.
 */
export function CopyButton({
  text,
  label,
  done,
  className,
}: {
  text: string;
  /** Accessible name, e.g. "Copy .gitlab-ci.yml". */
  label: string;
  /** Announcement after a successful copy. */
  done?: string;
  className?: string;
}) {
  const t = useT();
  const say = useStatus((s) => s.say);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const id = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(id);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className={className ?? 'copy'}
        aria-label={label}
        onClick={() => {
          void copyText(text).then((ok) => {
            setState(ok ? 'copied' : 'failed');
            say(ok ? (done ?? t(UI.copied)) : t(UI.copyFailed));
          });
        }}
      >
        {state === 'copied' ? t(UI.copied) : t(UI.copy)}
      </button>
      {state === 'failed' && <CopyFallback text={text} onClose={() => setState('idle')} />}
    </>
  );
}
