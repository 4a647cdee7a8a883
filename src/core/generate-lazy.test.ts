/**
 * generate() computes the plan and the findings at once and every other part on its first read (the app's answer
 * change reads the visible file and the files its findings point into). These tests keep both halves of that
 * promise: nothing the change does not read is computed, and what is read is the same in any order.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generate, type GenerateResult } from './generate';
import { PRESETS } from './presets';

vi.mock('./diagram', async (importOriginal) => {
  const real = await importOriginal<typeof import('./diagram')>();
  return {
    ...real,
    diagramModel: vi.fn(real.diagramModel),
    renderDiagramSvg: vi.fn(real.renderDiagramSvg),
  };
});
vi.mock('./setup/markdown', async (importOriginal) => {
  const real = await importOriginal<typeof import('./setup/markdown')>();
  return { ...real, renderSetupMarkdown: vi.fn(real.renderSetupMarkdown) };
});
vi.mock('./generators/runner.generators', async (importOriginal) => {
  const real = await importOriginal<typeof import('./generators/runner.generators')>();
  return { ...real, generateRegisterSh: vi.fn(real.generateRegisterSh) };
});

const diagram = await import('./diagram');
const markdown = await import('./setup/markdown');
const runner = await import('./generators/runner.generators');

/** Every part of a result, read in the order `order` gives (files by path). */
function snapshot(r: GenerateResult, order: 'files-first' | 'extras-first'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const files = () => {
    for (const f of [...r.files].reverse()) out[`file:${f.path}`] = f.content;
  };
  const extras = () => {
    out.setup = JSON.stringify(r.setup);
    out.diagram = JSON.stringify(r.diagram);
    out.description = r.diagramDescription;
    out.permalink = r.permalink;
  };
  if (order === 'files-first') {
    files();
    extras();
  } else {
    extras();
    files();
  }
  out.findings = JSON.stringify(r.findings);
  return out;
}

describe('generate() computes each part on its first read', () => {
  beforeEach(() => vi.clearAllMocks());

  it('writes neither the diagram, SETUP.md nor an unread file until they are read, and each only once', () => {
    const preset = PRESETS.find((p) => generate(p.answers).files.some((f) => f.path === 'register.sh'));
    if (!preset) throw new Error('no preset writes register.sh');
    vi.clearAllMocks();
    const r = generate(preset.answers, { baseUrl: 'https://wizard.example/' });
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.files.find((f) => f.path === '.gitlab-ci.yml')?.content).toContain('stages:');
    expect(diagram.diagramModel).not.toHaveBeenCalled();
    expect(diagram.renderDiagramSvg).not.toHaveBeenCalled();
    expect(markdown.renderSetupMarkdown).not.toHaveBeenCalled();
    expect(runner.generateRegisterSh).not.toHaveBeenCalled();

    const svg = r.files.find((f) => f.path === 'diagram.svg')?.content;
    expect(svg).toMatch(/^<svg/);
    expect(r.files.find((f) => f.path === 'diagram.svg')?.content).toBe(svg);
    expect(r.diagram.nodes.length).toBeGreaterThan(0);
    expect(diagram.diagramModel).toHaveBeenCalledTimes(1);
    expect(diagram.renderDiagramSvg).toHaveBeenCalledTimes(1);

    const md = r.files.find((f) => f.path === 'SETUP.md')?.content;
    expect(md).toContain('https://wizard.example/#');
    expect(r.setup.blocks.length).toBeGreaterThan(0);
    expect(markdown.renderSetupMarkdown).toHaveBeenCalledTimes(1);
    expect(r.files.find((f) => f.path === 'register.sh')?.content).toContain('gitlab-runner register');
    expect(runner.generateRegisterSh).toHaveBeenCalledTimes(1);
  });

  it.each(PRESETS.flatMap((p) => (['en', 'ja'] as const).map((lang) => [p.id, lang, p] as const)))(
    '%s (%s): the same result in any reading order, and in spread and JSON',
    (_id, lang, preset) => {
      const options = { lang, baseUrl: 'https://wizard.example/' };
      const a = snapshot(generate(preset.answers, options), 'files-first');
      const b = snapshot(generate(preset.answers, options), 'extras-first');
      expect(b).toEqual(a);
      const r = generate(preset.answers, options);
      const copies = JSON.parse(JSON.stringify(r.files)) as { path: string; content: string }[];
      expect(copies.map((f) => f.content)).toEqual(r.files.map((f) => ({ ...f }).content));
      expect(copies.find((f) => f.path === '.gitlab-ci.yml')?.content).toBe(a['file:.gitlab-ci.yml']);
    },
  );
});
