/**
 * The generation engine (generators, YAML and TOML serializers, findings, zip) is loaded right after the first
 * paint, so the first question is usable before it arrives. `useEngine()` re-renders once it has loaded.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { afterPaint } from './marks';
import type { GenerateResult } from '../core/generate';

export type Engine = typeof import('../core/generate');

let engine: Engine | null = null;
let failed: unknown = null;
let pending: Promise<Engine> | null = null;
const listeners = new Set<() => void>();

export function loadEngine(): Promise<Engine> {
  pending ??= import('../core/generate').then(
    (m) => {
      engine = m;
      listeners.forEach((l) => l());
      return m;
    },
    (e: unknown) => {
      failed = e;
      pending = null;
      listeners.forEach((l) => l());
      throw e;
    },
  );
  return pending;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useEngine(): { engine: Engine | null; failed: boolean } {
  const e = useSyncExternalStore(subscribe, () => engine);
  const f = useSyncExternalStore(subscribe, () => failed);
  return { engine: e, failed: f !== null && e === null };
}

/** The app's own address, as it appears before the fragment: the base of every permalink. */
export const appBaseUrl = (): string => `${window.location.origin}${window.location.pathname}${window.location.search}`;

/**
 * `value` as of the last painted frame: it follows `value` one frame later, so what it feeds (the findings list,
 * the badges under the questions, the diagram) never delays the frame that shows an answer change in the editor.
 */
export function usePainted<T>(value: T): T {
  const [painted, setPainted] = useState(value);
  useEffect(() => afterPaint(() => setPainted(() => value)), [value]);
  return painted;
}

/**
 * The files and findings of the current answers, computed once per change at the top of the tree and given to
 * the pages one frame after the editor shows them (`usePainted`).
 */
export const GeneratedContext = createContext<GenerateResult | null>(null);
export const useGenerated = (): GenerateResult | null => useContext(GeneratedContext);
