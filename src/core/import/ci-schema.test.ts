import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../../scripts/gen-ci-schema';
import { validate } from './ci-schema.validate.js';

describe('the committed CI schema validator', () => {
  const files = generatedFiles();

  it('is what scripts/gen-ci-schema.ts writes from the reference schema (run it after a schema update)', () => {
    for (const f of files) expect(f.actual === f.expected, `${f.path} is not current`).toBe(true);
  });

  it('needs no eval: the module holds no Function constructor, eval or require call', () => {
    const code = files[1]?.actual ?? '';
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toMatch(/new Function|\beval\(|require\(/);
  });

  it('accepts a valid file and refuses a wrong one, with Ajv errors', () => {
    expect(validate({ build: { script: ['docker build .'], image: 'docker:27.3.1' } })).toBe(true);
    expect(validate({ build: { script: ['x'], when: 'sometimes' } })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/build/when' && e.keyword === 'enum')).toBe(true);
  });
});
