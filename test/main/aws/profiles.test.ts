import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProfiles } from '../../../main/aws/profiles';

describe('listProfiles', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ariadne-profiles-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists config and credentials profiles with their kind and region, without keys', async () => {
    await writeFile(
      join(dir, 'config'),
      [
        '[default]',
        'region = us-east-1',
        '[profile prod-sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = Audit',
        'region = eu-west-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        '[profile audit-role]',
        'role_arn = arn:aws:iam::111122223333:role/Audit',
        'source_profile = default',
        '# a comment',
        '[profile tool]',
        'credential_process = /usr/bin/get-creds',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = SECRETFAKE\n[keys-only]\naws_access_key_id = AKIAFAKE2\naws_secret_access_key = SECRETFAKE2\n',
    );
    const profiles = await listProfiles({
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      HOME: dir,
    });
    expect(profiles).toEqual([
      { name: 'audit-role', kind: 'role' },
      { name: 'default', region: 'us-east-1', kind: 'static' },
      { name: 'keys-only', kind: 'static' },
      { name: 'prod-sso', region: 'eu-west-1', kind: 'sso' },
      { name: 'tool', kind: 'process' },
    ]);
    expect(JSON.stringify(profiles)).not.toContain('SECRETFAKE');
  });

  it('returns an empty list when there are no files', async () => {
    expect(await listProfiles({ HOME: dir })).toEqual([]);
  });
});
