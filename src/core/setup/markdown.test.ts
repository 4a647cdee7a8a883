/**
 * `renderSetupMarkdown`: the syntax that text needs escaped (`|` in table cells, backticks in inline code, fences
 * around code that holds backticks), the blank lines between blocks and the step numbers; `layoutSetupMarkdown`'s
 * anchors (the line of each anchored block's first command).
 */
import { describe, expect, it } from 'vitest';
import { anchorIndex } from '../render/line-index';
import { inlineCode, layoutSetupMarkdown, renderSetupMarkdown } from './markdown';
import { code, link, SETUP_ANCHORS, spans, strong, text, type Block, type SetupDoc } from './types';

const md = (...blocks: SetupDoc['blocks']) => renderSetupMarkdown({ blocks });
const table = (head: string[], rows: Extract<Block, { kind: 'table' }>['rows']): Block => ({
  kind: 'table',
  head: head.map((h) => [text(h)]),
  rows,
});

describe('inline code', () => {
  it('is one backtick on each side when the code has none', () => {
    expect(inlineCode('docker info')).toBe('`docker info`');
    expect(inlineCode('[[runners]]')).toBe('`[[runners]]`');
  });

  it('is a longer run of backticks, padded with spaces, when the code holds backticks', () => {
    expect(inlineCode('a`b')).toBe('`` a`b ``');
    expect(inlineCode('``x``')).toBe('``` ``x`` ```');
    expect(inlineCode('`')).toBe('`` ` ``');
  });

  it('is written inside paragraphs and list items', () => {
    expect(md({ kind: 'paragraph', inlines: spans`Use ${code('a`b')} here.` })).toBe('Use `` a`b `` here.\n');
    expect(md({ kind: 'list', items: [[code('x')], spans`${strong('HIGH')} ${code('id')} t`] })).toBe(
      '- `x`\n- **HIGH** `id` t\n',
    );
  });
});

describe('tables', () => {
  it('escape | in text and in code spans, and keep each row on one line', () => {
    const out = md(
      table(
        ['A', 'B'],
        [
          [[text('a|b')], [code('docker info | grep x')]],
          [[text('two\nlines')], []],
        ],
      ),
    );
    expect(out).toBe('| A | B |\n|---|---|\n| a\\|b | `docker info \\| grep x` |\n| two lines |  |\n');
  });

  it('write the separator row with one column per head cell', () => {
    expect(md(table(['Variable', 'Value', 'Flags'], []))).toBe('| Variable | Value | Flags |\n|---|---|---|\n');
  });
});

describe('code blocks', () => {
  it('are fenced with three backticks and the language', () => {
    expect(md({ kind: 'code', language: 'sh', text: 'sh register.sh' })).toBe('```sh\nsh register.sh\n```\n');
  });

  it('get a longer fence when the code holds ``` (or longer runs)', () => {
    expect(md({ kind: 'code', language: 'sh', text: "cat <<'EOF'\n```\nEOF" })).toBe(
      "````sh\ncat <<'EOF'\n```\nEOF\n````\n",
    );
    expect(md({ kind: 'code', language: '', text: 'a `````' })).toBe('``````\na `````\n``````\n');
  });
});

describe('links and images', () => {
  it('write a link whose text is its address bare, others in brackets', () => {
    expect(md({ kind: 'paragraph', inlines: [link('https://x.example/#c=1', 'https://x.example/#c=1')] })).toBe(
      'https://x.example/#c=1\n',
    );
    expect(md({ kind: 'paragraph', inlines: [link('the [docs]', 'https://x.example/a b')] })).toBe(
      '[the \\[docs\\]](<https://x.example/a b>)\n',
    );
  });

  it('write an image with its alternative text', () => {
    expect(md({ kind: 'image', alt: 'Diagram of this setup', src: 'diagram.svg' })).toBe(
      '![Diagram of this setup](diagram.svg)\n',
    );
  });
});

describe('layout', () => {
  it('numbers the steps and keeps the blank lines of SETUP.md', () => {
    const out = md(
      { kind: 'heading', level: 1, text: 'Setup: X' },
      { kind: 'paragraph', inlines: spans`Files: ${code('a')}.` },
      {
        kind: 'step',
        number: 1,
        title: 'First',
        blocks: [
          { kind: 'paragraph', inlines: [text('Copy:')] },
          { kind: 'code', language: 'sh', text: 'one' },
        ],
      },
      {
        kind: 'step',
        number: 2,
        title: 'Second',
        blocks: [
          { kind: 'code', language: 'sh', text: 'two' },
          { kind: 'paragraph', inlines: [text('Then:')] },
          { kind: 'code', language: 'powershell', text: 'three\nfour' },
          { kind: 'heading', level: 3, text: 'Limits' },
          { kind: 'list', items: [[text('a')], [text('b')]] },
        ],
      },
      { kind: 'heading', level: 2, text: 'Findings' },
      { kind: 'paragraph', inlines: [text('None.')] },
    );
    expect(out).toBe(
      [
        '# Setup: X',
        '',
        'Files: `a`.',
        '',
        '## 1. First',
        '',
        'Copy:',
        '',
        '```sh',
        'one',
        '```',
        '',
        '',
        '## 2. Second',
        '',
        '',
        '```sh',
        'two',
        '```',
        '',
        '',
        'Then:',
        '',
        '```powershell',
        'three',
        'four',
        '```',
        '',
        '',
        '### Limits',
        '',
        '- a',
        '- b',
        '',
        '## Findings',
        '',
        'None.',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty document as one newline', () => {
    expect(md()).toBe('\n');
  });
});

describe('anchors', () => {
  const { dockerGroup, legacyRegistrationToken } = SETUP_ANCHORS;
  const doc: SetupDoc = {
    blocks: [
      { kind: 'heading', level: 1, text: 'Setup: X' },
      {
        kind: 'step',
        number: 1,
        title: 'Right under the title',
        blocks: [{ kind: 'code', language: 'sh', text: 'first\nsecond', anchor: dockerGroup }],
      },
      {
        kind: 'step',
        number: 2,
        title: 'After a paragraph',
        blocks: [
          { kind: 'paragraph', inlines: [text('Copy:')] },
          { kind: 'code', language: 'sh', text: 'not anchored' },
          { kind: 'code', language: 'powershell', text: 'third', anchor: legacyRegistrationToken },
        ],
      },
    ],
  };

  it("are the 1-based lines of the anchored blocks' first commands, under their fences", () => {
    const { text: out, anchors } = layoutSetupMarkdown(doc);
    expect(out).toBe(renderSetupMarkdown(doc));
    expect([...anchors]).toEqual([
      [dockerGroup, 7],
      [legacyRegistrationToken, 22],
    ]);
    const lines = out.split('\n');
    expect([lines[5], lines[6]]).toEqual(['```sh', 'first']);
    expect([lines[20], lines[21]]).toEqual(['```powershell', 'third']);
  });

  it('resolve through anchorIndex by id; other paths resolve to null', () => {
    const index = anchorIndex(layoutSetupMarkdown(doc).anchors);
    expect(index.lineOf([legacyRegistrationToken])).toBe(22);
    expect(index.lineOf(['no-such-anchor'])).toBeNull();
    expect(index.lineOf([dockerGroup, 0])).toBeNull();
    expect(index.lineOf([])).toBeNull();
  });

  it('are unique: two blocks with one anchor are an error', () => {
    const twice: Block = { kind: 'code', language: 'sh', text: 'x', anchor: dockerGroup };
    expect(() => renderSetupMarkdown({ blocks: [twice, { ...twice, text: 'y' }] })).toThrow(/docker-group/);
  });
});
