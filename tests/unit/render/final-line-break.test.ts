import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropFinalLineBreak } from '../../../src/render/final-line-break.js';

describe('dropFinalLineBreak', () => {
  it('takes off the pieces what /\\r?\\n$/ takes off their concatenation', () => {
    // Pieces of line ends and letters, empty ones too, which hide the line break (or its `\r`) in an earlier piece.
    const piece = fc.stringMatching(/^[a\r\n]{0,3}$/);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        // Arrange
        const expected = parts.join('').replace(/\r?\n$/, '');
        const pieces = [...parts];
        // Act
        dropFinalLineBreak(pieces);
        // Assess
        expect(pieces.join('')).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('drops the empty pieces at the end and leaves the others as they were', () => {
    const parts = ['x\n', 'a\r', '\n', '', ''];
    dropFinalLineBreak(parts);
    expect(parts).toEqual(['x\n', 'a']);
  });
});
