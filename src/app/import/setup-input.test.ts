import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../core/answers';
import { encodeAnswers, permalinkUrl } from '../../core/permalink';
import { readSetupInput } from './setup-input';

describe('readSetupInput', () => {
  const answers = { ...defaultAnswers(), method: 'buildah' as const };
  it('reads a whole permalink, a bare configuration and an answers JSON', () => {
    for (const raw of [permalinkUrl(answers, 'https://x.example/app/'), encodeAnswers(answers)]) {
      const r = readSetupInput(` ${raw} `);
      expect(r.state).toBe('ok');
      expect(r.state === 'ok' && r.answers.method).toBe('buildah');
    }
    const json = readSetupInput(JSON.stringify({ method: 'buildah' }));
    expect(json.state === 'ok' && json.answers.method).toBe('buildah');
  });
  it('says why a broken link or file is refused, and an empty field is empty', () => {
    const link = readSetupInput('https://x.example/#c=2.zBROKEN');
    expect(link.state === 'error' && link.error.en).toMatch(/^Broken permalink:/);
    const file = readSetupInput('{"method": "nope"}');
    expect(file.state === 'error' && file.error.en).toMatch(/^Invalid answers file:/);
    expect(readSetupInput('  ')).toEqual({ state: 'empty' });
  });
});
