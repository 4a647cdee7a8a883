/**
 * User Timing marks of the moments a user feels: the first question accepts input, the preview shows every file.
 * `npm run bench` reads them; they cost nothing otherwise.
 */
export const MARKS = {
  questionsReady: 'wizard:questions-ready',
  filesReady: 'wizard:files-ready',
} as const;

export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length) return;
  performance.mark(name);
}

/** Marks once the next frame has been painted: what the mark names is then on screen, not only in the DOM. */
export function markAfterPaint(name: string): void {
  if (typeof requestAnimationFrame === 'undefined') return markOnce(name);
  requestAnimationFrame(() => setTimeout(() => markOnce(name), 0));
}

/**
 * Runs `work` once the next frame has been painted (a task after the frame's animation callbacks), so an answer
 * change's frame never waits for it. Returns a cancel function (an effect's cleanup).
 */
export function afterPaint(work: () => void): () => void {
  if (typeof requestAnimationFrame === 'undefined') {
    const id = setTimeout(work, 0);
    return () => clearTimeout(id);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * Runs `work` in the first idle period after the next frame has been painted (`requestIdleCallback`, at the latest
 * `timeoutMs` after that frame; a timer where idle callbacks do not exist). For work nobody is looking at: it never
 * lands in the frame of a change. Returns a cancel function (an effect's cleanup).
 */
export function whenIdle(work: () => void, timeoutMs: number): () => void {
  let cancelIdle: (() => void) | undefined;
  const cancelPaint = afterPaint(() => {
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(work, 50);
      cancelIdle = () => clearTimeout(id);
      return;
    }
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    cancelIdle = () => cancelIdleCallback(id);
  });
  return () => {
    cancelPaint();
    cancelIdle?.();
  };
}
