/**
 * What a failed copy shows: a modal dialog that says the text could not be copied and holds it, selected, in a
 * read-only field, so that Ctrl+C (⌘C) copies it by hand. Escape or Close ends it and focus returns to the button.
 */
import { useEffect, useId, useRef } from 'react';
import { UI, useT } from '../ui';

/** `text` is what should have been copied; `onClose` runs when the dialog closes (Escape, Close). */
export function CopyFallback({ text, onClose }: { text: string; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    // The button that copied: focus goes back to it when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    field.current?.focus();
    field.current?.select();
    return () => {
      d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const lines = text.split('\n').length;
  return (
    <dialog
      ref={dialog}
      className="copy-fallback"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>{t(UI.copyFailedTitle)}</h2>
      <p id={`${id}-help`}>{t(UI.copyFailedHelp)}</p>
      <textarea
        ref={field}
        readOnly
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-help`}
        value={text}
        rows={Math.min(Math.max(lines, 2), 12)}
        spellCheck={false}
        onFocus={(e) => e.target.select()}
      />
      <p>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t(UI.close)}
        </button>
      </p>
    </dialog>
  );
}
