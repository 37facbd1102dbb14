// The Tokens view's menus: package.json's when-clauses against the contextValue each token state gets,
// so a revoked token offers no Revoke, a webhook offers directions instead, a legacy token the guide.
import * as assert from 'node:assert/strict';
import type { KindId } from '../../src/core/detect/types';
import { contextValueFor } from '../../src/features/vault/tree';
import type { StoredToken, TokenStatus } from '../../src/features/vault';
import { getExtension } from './helpers';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

/** Evaluates the subset of when-clause syntax the Tokens view uses: `a && b`, `view == x`, `viewItem =~ /re/`. */
function matches(when: string, viewItem: string): boolean {
  return when.split('&&').every((raw) => {
    const part = raw.trim();
    const re = /^viewItem =~ \/(.*)\/$/.exec(part);
    if (re) return new RegExp(re[1]).test(viewItem);
    if (part === 'view == slackTokenGuard.tokens') return true;
    throw new Error(`unexpected when-clause part: ${part}`);
  });
}

function token(kind: KindId, status: TokenStatus, legacy = false): StoredToken {
  return { id: 'x', label: 'x', kind, fingerprint: 'f', masked: 'm', endpoint: 'https://slack.com/api/', status, legacy, addedAt: '' };
}

suite('Vault menus', () => {
  const menus = (getExtension().packageJSON.contributes.menus as Record<string, MenuEntry[]>)['view/item/context'].filter((m) =>
    m.when?.includes('view == slackTokenGuard.tokens'),
  );
  // Only the vault's own commands: other features may add theirs to the same menu.
  const VAULT = new Set(['testToken', 'revokeToken', 'copyToken', 'renameToken', 'removeToken', 'openMigrationGuide']);
  const offered = (viewItem: string, inline: boolean) =>
    [...new Set(menus.filter((m) => (m.group?.startsWith('inline') ?? false) === inline && matches(m.when ?? '', viewItem)).map((m) => m.command.replace('slackTokenGuard.', '')))]
      .filter((c) => VAULT.has(c))
      .sort();

  test('a valid bot token offers test, revoke, copy, rename, remove — and no guide', () => {
    const cv = contextValueFor(token('bot', 'valid'));
    assert.deepEqual(offered(cv, false), ['copyToken', 'removeToken', 'renameToken', 'revokeToken', 'testToken']);
    assert.deepEqual(offered(cv, true), ['copyToken', 'revokeToken', 'testToken']);
  });

  test('a legacy user token also offers the migration guide', () => {
    assert.ok(offered(contextValueFor(token('user', 'valid', true)), false).includes('openMigrationGuide'));
    assert.ok(offered(contextValueFor(token('user', 'valid', true)), true).includes('openMigrationGuide'));
  });

  test('a revoked token offers no Revoke', () => {
    assert.ok(!offered(contextValueFor(token('bot', 'revoked')), false).includes('revokeToken'));
  });

  test('a webhook can be tested (a probe that posts nothing); Revoke explains where to do it', () => {
    const cv = contextValueFor(token('webhook', 'unchecked'));
    assert.match(cv, /\brevokeElsewhere\b/);
    const items = offered(cv, false);
    assert.ok(items.includes('testToken'));
    assert.ok(items.includes('revokeToken'));
  });

  test('a workflow trigger URL can be tested (a GET that starts nothing); a d cookie cannot', () => {
    assert.ok(offered(contextValueFor(token('trigger', 'unchecked')), false).includes('testToken'), 'trigger');
    assert.ok(!offered(contextValueFor(token('cookie', 'unchecked')), false).includes('testToken'), 'cookie');
  });

  test('scope rows under a token get no token actions', () => {
    for (const cv of ['scope', 'scope legacyScope']) assert.deepEqual(offered(cv, false), []);
  });

  test('the title bar offers Add Token, Test All and Scan Workspace', () => {
    const title = (getExtension().packageJSON.contributes.menus as Record<string, MenuEntry[]>)['view/title']
      .filter((m) => m.when?.startsWith('view == slackTokenGuard.tokens'))
      .map((m) => m.command);
    for (const c of ['slackTokenGuard.addToken', 'slackTokenGuard.testAllTokens', 'slackTokenGuard.scanWorkspace']) assert.ok(title.includes(c), c);
  });

  test('the API settings are user-level only and restricted in untrusted workspaces', () => {
    const pkg = getExtension().packageJSON;
    const props = pkg.contributes.configuration.properties;
    for (const key of ['slackTokenGuard.api.extraEndpoints', 'slackTokenGuard.api.requestTimeoutSeconds']) {
      assert.ok(['application', 'machine'].includes(props[key].scope), key);
      assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    }
  });
});
