import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from './tabKeys';

describe('tabKeyTarget', () => {
  it('moves right and left with wrapping, to the ends with Home and End, and ignores other keys', () => {
    expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('ArrowLeft', 2, 3)).toBe(1);
    expect(tabKeyTarget('Home', 2, 3)).toBe(0);
    expect(tabKeyTarget('End', 0, 3)).toBe(2);
    expect(tabKeyTarget('Enter', 1, 3)).toBe(-1);
    expect(tabKeyTarget('ArrowDown', 1, 3)).toBe(-1);
  });
});
