/** What the app hands over: clipboard copies, the zip download, and the status line that announces them. */
import { create } from 'zustand';

interface Status {
  text: string;
  /** Increments so that the same message is announced again. */
  seq: number;
  say: (text: string) => void;
}

export const useStatus = create<Status>()((set, get) => ({
  text: '',
  seq: 0,
  say: (text) => set({ text, seq: get().seq + 1 }),
}));

/**
 * Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain-HTTP hosting) or
 * refused. Resolves true when the text reached the clipboard, false when the browser refused both ways.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  // Selecting the hidden textarea takes the focus: it goes back to where it was (the button that copied).
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus();
  return ok;
}

export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
