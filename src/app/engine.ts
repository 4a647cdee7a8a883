/**
 * The generation engine (generators, YAML and TOML serializers, findings, zip) is loaded right after the first
 * paint, so the first question is usable before it arrives. `useEngine()` re-renders once it has loaded.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
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

/** The files and findings of the current answers, computed once per change at the top of the tree. */
export const GeneratedContext = createContext<GenerateResult | null>(null);
export const useGenerated = (): GenerateResult | null => useContext(GeneratedContext);
