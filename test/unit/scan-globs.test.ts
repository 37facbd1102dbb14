import * as assert from 'node:assert/strict';
import { combineGlobs, expandBraces, patternsFromExcludeSetting } from '../../src/features/workspace-scan/globs';

describe('workspace scan: exclude globs from settings', () => {
  it('expands braces, nested groups included, one level at a time', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.deepEqual(expandBraces('{a,b}/x.{c,d}'), ['a/x.c', 'a/x.d', 'b/x.c', 'b/x.d']);
    assert.deepEqual(expandBraces('plain/**'), ['plain/**']);
  });
  it('keeps only patterns set to true, and covers the files of folder patterns', () => {
    assert.deepEqual(patternsFromExcludeSetting({ '**/node_modules': true, '**/out/**': true, '**/*.log': false, '**/*.js': { when: '$(basename).ts' } }), [
      '**/node_modules',
      '**/node_modules/**',
      '**/out/**',
    ]);
    assert.deepEqual(patternsFromExcludeSetting(undefined), []);
  });
  it('combines into one brace group without duplicates or commas', () => {
    assert.equal(combineGlobs(['**/.git/**']), '**/.git/**');
    assert.equal(combineGlobs(['a', 'b', 'a', 'c,d']), '{a,b}');
  });
});
