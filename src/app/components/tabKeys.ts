/**
 * The keyboard of a file tab list (WAI-ARIA tabs with automatic activation, https://www.w3.org/WAI/ARIA/apg/patterns/tabs/):
 * ArrowRight / ArrowLeft move to the next / previous tab (wrapping), Home / End to the first / last; the tab moved to
 * is chosen and focused. Shared by the preview's tabs and the import page's.
 */
import type { KeyboardEvent, RefObject } from 'react';

/** The index `key` moves to from tab `index` of `count` tabs, or -1 when the key is not one of the list's. */
export function tabKeyTarget(key: string, index: number, count: number): number {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return -1;
  }
}

/** The keydown handler of tab `index`: chooses (`onActive`) and focuses (`tabs`, the buttons in order) the tab moved to. */
export function onTabKey(
  e: KeyboardEvent,
  index: number,
  files: readonly { path: string }[],
  tabs: RefObject<(HTMLButtonElement | null)[]>,
  onActive: (path: string) => void,
): void {
  const to = tabKeyTarget(e.key, index, files.length);
  if (to < 0) return;
  e.preventDefault();
  const f = files[to];
  if (f) onActive(f.path);
  tabs.current[to]?.focus();
}
