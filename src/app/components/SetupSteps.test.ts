// @vitest-environment happy-dom
/**
 * The "Set it up" page's body drawn from the core's `SetupDoc`: one copy button per command block, named after its
 * step; code, bold and links as elements; user text literal; only web addresses become links.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../core/answers';
import { generate } from '../../core/generate';
import { PRESETS } from '../../core/presets';
import { commandBlocks, link, text, type SetupDoc } from '../../core/setup/types';
import { SetupSteps } from './SetupSteps';

function page(doc: SetupDoc, images: Record<string, string> = {}): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(createElement(SetupSteps, { doc, images }));
  return host;
}

describe('SetupSteps', () => {
  it.each(PRESETS.map((p) => p.id))('%s: each command block has its copy button named after its step', (id) => {
    const r = generate(PRESETS.find((p) => p.id === id)?.answers ?? defaultAnswers());
    const el = page(r.setup);
    const blocks = Array.from(el.querySelectorAll('.code-block'));
    const commands = commandBlocks(r.setup);
    expect(blocks.map((b) => b.querySelector('pre code')?.textContent)).toEqual(commands.map((c) => c.text));
    expect(blocks.map((b) => b.querySelector('button')?.getAttribute('aria-label'))).toEqual(
      commands.map((c) => `Copy: ${c.step}`),
    );
    const headings = Array.from(el.querySelectorAll('h4')).map((h) => h.textContent);
    for (const c of commands) expect(headings).toContain(c.step);
    expect(el.querySelector('h3')?.textContent).toMatch(/^Setup: /);
  });

  it('draws spans as elements and user text literally', () => {
    const hostile = 'd `x` **y** <b>bold</b>';
    const r = generate({ ...defaultAnswers(), runnerDescription: hostile });
    const el = page(r.setup);
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent).toContain(hostile);
    expect(el.querySelector('li strong')?.textContent).toMatch(/^(HIGH|MEDIUM|LOW)$/);
    expect(Array.from(el.querySelectorAll('p code')).map((c) => c.textContent)).toContain('.gitlab-ci.yml');
    expect(el.textContent).not.toContain('`.gitlab-ci.yml`');
    expect(el.textContent).not.toMatch(/\*\*(HIGH|MEDIUM|LOW)\*\*/);
  });

  it('makes links of web addresses and fragments only', () => {
    const el = page({
      blocks: [
        {
          kind: 'paragraph',
          inlines: [
            link('https://wizard.example/#c=1', 'https://wizard.example/#c=1'),
            text(' '),
            link('#c=2', '#c=2'),
            text(' '),
            link('bad', 'javascript:alert(1)'),
          ],
        },
      ],
    });
    expect(Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
      'https://wizard.example/#c=1',
      '#c=2',
    ]);
    expect(el.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.textContent).toContain('bad');
  });

  it('draws the diagram from the generated file, or names the file when it is missing', () => {
    const r = generate(defaultAnswers());
    const svg = r.files.find((f) => f.path === 'diagram.svg')?.content ?? '';
    expect(page(r.setup, { 'diagram.svg': svg }).querySelector('figure.setup-image figcaption')?.textContent).toBe(
      'Diagram of this setup',
    );
    const without = page(r.setup);
    expect(without.querySelector('figure')).toBeNull();
    expect(without.textContent).toContain('Diagram of this setup (diagram.svg)');
  });
});
