/**
 * The writer that SETUP.md's step builders (`./steps-*.ts`) share: it appends blocks to a `SetupDoc` (./types.ts),
 * either at the top level (before the first step) or to the step opened last, and numbers the steps from 1 in the
 * order they are opened. It reads nothing from the plan.
 */
import type { Lang } from '../i18n';
import { text, type Block, type Inlines, type SetupAnchor, type SetupDoc, type SetupStep } from './types';

/** Appends to one `SetupDoc`; every member is a bound function, so builders may destructure it. */
export interface StepWriter {
  /** The document written so far. */
  readonly doc: SetupDoc;
  /** The language of the document. */
  readonly lang: Lang;
  /** `en` or `ja`, whichever is `lang` (a string, spans or any other value given in both languages). */
  t: <T>(en: T, ja: T) => T;
  /** Appends `block` to the step opened last, or to the document before the first step. */
  add: (block: Block) => void;
  /** Opens the next numbered step (number = previous step's number + 1, or 1); later blocks go into it. */
  step: (title: string) => void;
  /** A paragraph: a string is one literal text, spans are kept as they are. */
  para: (content: string | Inlines) => void;
  /** A bulleted list, one item per entry (a string is one literal text). */
  list: (items: (string | Inlines)[]) => void;
  /**
   * A command block in `language` (`sh` or `powershell`); one trailing newline of `body` is dropped. `anchor` names
   * the block for the findings that point at it (`{ file: 'SETUP.md', path: [anchor] }`).
   */
  command: (language: string, body: string, anchor?: SetupAnchor) => void;
  /** A level-3 heading: a sub-section of the current step. */
  subheading: (title: string) => void;
}

/** A writer in `lang` over a new, empty `SetupDoc` (`writer.doc`). */
export function stepWriter(lang: Lang): StepWriter {
  const doc: SetupDoc = { blocks: [] };
  let current: SetupStep | null = null;
  const add = (block: Block) => (current ? current.blocks.push(block) : doc.blocks.push(block));
  return {
    doc,
    lang,
    t: <T>(en: T, ja: T): T => (lang === 'ja' ? ja : en),
    add,
    step: (title) => {
      current = { kind: 'step', number: (current?.number ?? 0) + 1, title, blocks: [] };
      doc.blocks.push(current);
    },
    para: (content) => add({ kind: 'paragraph', inlines: typeof content === 'string' ? [text(content)] : content }),
    list: (items) =>
      add({ kind: 'list', items: items.map((item) => (typeof item === 'string' ? [text(item)] : item)) }),
    command: (language, body, anchor) =>
      add({ kind: 'code', language, text: body.replace(/\n$/, ''), ...(anchor ? { anchor } : {}) }),
    subheading: (title) => add({ kind: 'heading', level: 3, text: title }),
  };
}
