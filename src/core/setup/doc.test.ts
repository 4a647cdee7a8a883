/**
 * The `SetupDoc` that `generate()` returns, for every preset in both languages: SETUP.md is its rendering, every
 * command block of the file is a code block of the document (in its step), text spans hold no Markdown syntax, the
 * steps are numbered in order, and findings keep pointing at the lines of the steps. Values typed by the user stay
 * literal spans.
 */
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../answers';
import { generate } from '../generate';
import { LANGS, type Lang } from '../i18n';
import { PRESETS } from '../presets';
import { renderSetupMarkdown } from './markdown';
import { findingsSection } from './sections';
import { setupSteps } from './steps';
import { commandBlocks, stepTitle, type Block, type Inline, type SetupDoc, type SetupStep } from './types';

const setupMd = (r: ReturnType<typeof generate>) => r.files.find((f) => f.path === 'SETUP.md')?.content ?? '';

/** The fenced blocks of a Markdown text, with the `## ` heading above each (test-side reading of the file). */
function fencedBlocks(markdown: string): { step: string; language: string; text: string }[] {
  const out: { step: string; language: string; text: string }[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const title = /^## (.*)$/.exec(line);
    if (title) heading = /^\d+\. /.test(title[1] ?? '') ? (title[1] ?? '') : '';
    const fence = /^(`{3,})(\S*)$/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== fence[1]; i++) body.push(lines[i] ?? '');
    out.push({ step: heading, language: fence[2] ?? '', text: body.join('\n') });
  }
  return out;
}

/** Every span of the document, and every heading or step title. */
function walk(doc: SetupDoc): { spans: Inline[]; titles: string[]; steps: SetupStep[] } {
  const spans: Inline[] = [];
  const titles: string[] = [];
  const steps: SetupStep[] = [];
  const visit = (blocks: readonly (Block | SetupStep)[]) => {
    for (const b of blocks) {
      if (b.kind === 'step') {
        steps.push(b);
        titles.push(b.title);
        visit(b.blocks);
      } else if (b.kind === 'heading') titles.push(b.text);
      else if (b.kind === 'paragraph') spans.push(...b.inlines);
      else if (b.kind === 'list') spans.push(...b.items.flat());
      else if (b.kind === 'table') spans.push(...b.head.flat(), ...b.rows.flat(2));
    }
  };
  visit(doc.blocks);
  return { spans, titles, steps };
}

const cases = PRESETS.flatMap((p) => LANGS.map((lang) => [p.id, lang, p.answers] as [string, Lang, Answers]));

describe.each(cases)('%s %s', (_id, lang, answers) => {
  const r = generate(answers, { lang, baseUrl: 'https://wizard.example/app/' });
  const markdown = setupMd(r);

  it('SETUP.md is the rendering of result.setup', () => {
    expect(renderSetupMarkdown(r.setup)).toBe(markdown);
  });

  it('every command block of SETUP.md is a code block of the document, in its step', () => {
    const blocks = commandBlocks(r.setup);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks).toEqual(fencedBlocks(markdown));
    for (const b of blocks) expect(b.step).toMatch(/^\d+\. \S/);
  });

  it('text spans hold no Markdown syntax; code is in code spans', () => {
    const { spans, titles } = walk(r.setup);
    const texts = spans.filter((s) => s.kind === 'text').map((s) => s.text);
    for (const t of [...texts, ...titles]) {
      expect(t).not.toMatch(/`|\*\*|\]\(|^#|^- |\n/);
      expect(t).not.toBe('');
    }
    for (const s of spans) if (s.kind !== 'text') expect(s.text).not.toMatch(/`|\n/);
    expect(spans.some((s) => s.kind === 'code')).toBe(true);
    expect(spans).toContainEqual({ kind: 'link', text: r.permalink, href: r.permalink });
  });

  it('steps are numbered from 1 in order, and each is a "## n. title" line of SETUP.md', () => {
    const { steps } = walk(r.setup);
    expect(steps.map((s) => s.number)).toEqual(steps.map((_, i) => i + 1));
    const lines = markdown.split('\n');
    for (const s of steps) expect(lines).toContain(`## ${stepTitle(s)}`);
  });

  it('findings on SETUP.md point at lines of the steps, which start the file unchanged', () => {
    const steps = renderSetupMarkdown(setupSteps(r.plan, lang)).replace(/\n+$/, '');
    expect(markdown.startsWith(`${steps}\n`)).toBe(true);
    const stepLines = steps.split('\n').length;
    for (const f of r.findings.filter((x) => x.file === 'SETUP.md')) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.line).toBeLessThanOrEqual(stepLines);
    }
  });
});

describe('values typed by the user', () => {
  const hostile: Partial<Answers> = {
    executor: 'docker',
    method: 'dind',
    compose: true,
    composeFile: 'a`b|c.yml',
    runnerTags: ['x`y|z', 'plain'],
    runnerDescription: 'd `x` **y** | [z](javascript:alert(1)) <b>',
  };

  it('stay literal spans: code spans for values in code, text for sentences', () => {
    const r = generate({ ...defaultAnswers(), ...hostile });
    const { spans } = walk(r.setup);
    expect(spans).toContainEqual({ kind: 'code', text: 'a`b|c.yml' });
    expect(spans).toContainEqual({ kind: 'code', text: 'x`y|z' });
    expect(spans.some((s) => s.kind === 'text' && s.text.includes(hostile.runnerDescription ?? '?'))).toBe(true);
    expect(spans.every((s) => s.kind !== 'link' || s.href === r.permalink)).toBe(true);
  });

  it('are written to SETUP.md with backticks that Markdown reads back as the value', () => {
    const markdown = setupMd(generate({ ...defaultAnswers(), ...hostile }));
    expect(markdown).toContain('`` a`b|c.yml ``');
    expect(markdown).toContain('(`` x`y|z ``, `plain`)');
  });
});

describe('findings', () => {
  it('are items with the severity in bold, the id and the place as code, authored code as code spans', () => {
    const r = generate({ ...defaultAnswers(), executor: 'docker', method: 'socket' });
    const findings = r.setup.blocks.filter((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
    const item = findings
      .flatMap((l) => l.items)
      .find((i) => i.some((s) => s.kind === 'code' && s.text === 'host-socket'));
    expect(item?.[0]).toEqual({ kind: 'strong', text: 'HIGH' });
    // The reason is written with `code` by the core's authors: it becomes a code span.
    expect(item).toContainEqual({ kind: 'code', text: 'docker rm -f $(docker ps -aq)' });
    expect(item).toContainEqual({ kind: 'code', text: 'config.toml' });
  });

  it('"None." when there is none', () => {
    const none = { blocks: findingsSection([], 'ja') };
    expect(none.blocks).toEqual([
      { kind: 'heading', level: 2, text: '指摘事項' },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'なし。' }] },
    ]);
    expect(renderSetupMarkdown(none)).toBe('## 指摘事項\n\nなし。\n');
  });
});
