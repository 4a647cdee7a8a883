// @vitest-environment happy-dom
/** The message of a refused typed value names its problem, and only for values the schema does refuse. */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { AnswersSchema, type Answers } from '../core/answers';
import { msg } from '../core/i18n';
import { problemMessage, valueProblem } from './valueProblem';

const FORMAT = msg('One line of text.', '1行のテキスト。');
const refused = (key: keyof Answers, value: unknown) => !v.safeParse(AnswersSchema.entries[key], value).success;

describe('valueProblem', () => {
  const cases: [keyof Answers, unknown, ReturnType<typeof valueProblem>][] = [
    ['runnerDescription', 'x'.repeat(5000), { kind: 'too-long', length: 5000, max: 1000 }],
    ['k8sNamespace', 'a'.repeat(64), { kind: 'too-long', length: 64, max: 63 }],
    ['dockerfile', `${'d/'.repeat(128)}Dockerfile`, { kind: 'too-long', length: 266, max: 255 }],
    ['runnerTags', Array.from({ length: 21 }, (_, i) => `t${i}`), { kind: 'too-many', count: 21, max: 20 }],
    ['testCommand', 'make\u2028test', { kind: 'line-break' }],
    ['runnerDescription', 'a\nb', { kind: 'line-break' }],
    ['runnerDescription', 'bell\u0007', { kind: 'character', char: '\u0007' }],
    ['k8sNamespace', 'My-ns', { kind: 'character', char: 'M' }],
    ['k8sNamespace', 'my ns', { kind: 'character', char: ' ' }],
    ['dockerHubUserVar', 'DOCKER-USER', { kind: 'character', char: '-' }],
    ['dockerVersion', '29.7.2-rc', { kind: 'character', char: '-' }],
    ['otherRegistryHost', 'https://r.example.com', { kind: 'character', char: '/' }],
    ['gitlabUrl', 'https://gitlab.example.com/a b', { kind: 'character', char: ' ' }],
    ['runnerTags', ['ok', 'a$b'], { kind: 'character', char: '$' }],
    ['mtu', NaN, { kind: 'not-a-number' }],
  ];
  it.each(cases)('%s %j: %j', (key, value, problem) => {
    expect(refused(key, value)).toBe(true);
    expect(valueProblem(key, value)).toEqual(problem);
  });

  it('names no problem for a value refused as a whole', () => {
    for (const [key, value] of [
      ['gitlabUrl', 'ftp://gitlab.example.com'],
      ['dockerVersion', '29.7.2.1'],
      ['k8sNamespace', '-ns'],
      ['mtu', 500],
    ] as const) {
      expect(refused(key, value)).toBe(true);
      expect(valueProblem(key, value)).toBeNull();
    }
  });
});

describe('problemMessage', () => {
  it('says how long the value is and the maximum, in both languages', () => {
    const long = 'x'.repeat(5000);
    expect(problemMessage('runnerDescription', long, FORMAT, 'en')).toBe(
      'Too long: 5,000 characters, at most 1,000. One line of text.',
    );
    expect(problemMessage('runnerDescription', long, FORMAT, 'ja')).toBe(
      '長すぎます: 5,000文字です（最大1,000文字）。1行のテキスト。',
    );
  });
  it('names the line break and the wrong character', () => {
    expect(problemMessage('testCommand', 'a\u2028b', FORMAT, 'en')).toBe('Holds a line break: One line of text.');
    expect(problemMessage('testCommand', 'a\u2028b', FORMAT, 'ja')).toBe('改行が含まれています。1行のテキスト。');
    expect(problemMessage('k8sNamespace', 'my ns', FORMAT, 'en')).toBe(
      'A space cannot be used here. One line of text.',
    );
    expect(problemMessage('k8sNamespace', 'my_ns', FORMAT, 'ja')).toBe('「_」はここでは使えません。1行のテキスト。');
    expect(problemMessage('runnerDescription', 'a\u0007', FORMAT, 'en')).toBe(
      'U+0007 cannot be used here. One line of text.',
    );
  });
  it('falls back to the expected format', () => {
    expect(problemMessage('gitlabUrl', 'ftp://x', FORMAT, 'en')).toBe('Not applied: One line of text.');
  });
});
