/**
 * What the pointer or the keyboard is on, shared by the diagram, the findings panel and the editor: hovering or
 * focusing a diagram element highlights its findings and their lines; hovering or focusing a finding highlights
 * its element in the diagram. A tiny store of its own, so a hover re-renders only the views that show it.
 */
import { create } from 'zustand';

export interface Highlight {
  /** Ids of the findings concerned. */
  findings: readonly string[];
  /** Where the highlight comes from (that view shows its own hover already). */
  from: 'diagram' | 'findings' | null;
  set: (findings: readonly string[], from: 'diagram' | 'findings') => void;
  clear: (from: 'diagram' | 'findings') => void;
}

export const useHighlight = create<Highlight>()((set, get) => ({
  findings: [],
  from: null,
  set: (findings, from) => {
    const now = get();
    if (now.from === from && now.findings.join(' ') === findings.join(' ')) return;
    set({ findings, from });
  },
  clear: (from) => {
    if (get().from === from) set({ findings: [], from: null });
  },
}));
