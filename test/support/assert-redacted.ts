// Assertions on values that hold tokens. mocha prints the actual and expected values of a failed
// assert.equal, so a failing test would put generated (token-shaped) values into CI output; these
// compare in full but report only redacted text.
import * as assert from 'node:assert/strict';
import { redact } from '../../src/core/redact';

export function equalRedacted(actual: string | undefined, expected: string, message = 'values differ'): void {
  if (actual === expected) return;
  throw new assert.AssertionError({
    message: `${message}\n  actual:   ${actual === undefined ? 'undefined' : JSON.stringify(redact(actual))}\n  expected: ${JSON.stringify(redact(expected))}`,
  });
}
