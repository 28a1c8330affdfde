// A generated account of 10,000 users: imported through the file chooser and listed in the
// windowed table. Prints the longest UI-thread task seen (long tasks API); asserts behaviour only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

const USERS = 10_000;
const ROLES = 1_000;

function generatedAccount(USERS = 10_000): string {
  const account = '444455556666';
  const policies = Array.from({ length: 200 }, (_, i) => ({
    PolicyName: `policy-${i}`,
    PolicyId: `ANPA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${account}:policy/policy-${i}`,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    IsAttachable: true,
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [`s3:Get*`, `ec2:Describe${i}`], Resource: '*' }] } }],
  }));
  const groups = Array.from({ length: 50 }, (_, i) => ({
    GroupName: `group-${i}`,
    GroupId: `AGPA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${account}:group/group-${i}`,
    Path: '/',
    GroupPolicyList: [],
    AttachedManagedPolicies: [{ PolicyName: `policy-${i}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${i}` }],
  }));
  const users = Array.from({ length: USERS }, (_, i) => ({
    UserName: `user-${i}`,
    UserId: `AIDA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${account}:user/team-${i % 20}/user-${i}`,
    Path: `/team-${i % 20}/`,
    CreateDate: '2024-01-01T00:00:00Z',
    GroupList: [`group-${i % 50}`, `group-${(i + 7) % 50}`],
    AttachedManagedPolicies: i % 10 === 0 ? [{ PolicyName: `policy-${i % 200}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${i % 200}` }] : [],
    UserPolicyList: i % 25 === 0 ? [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }] : [],
  }));
  const roles = Array.from({ length: ROLES }, (_, i) => ({
    RoleName: `role-${i}`,
    RoleId: `AROA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${account}:role/role-${i}`,
    Path: '/',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    RolePolicyList: [],
    AttachedManagedPolicies: [{ PolicyName: `policy-${i % 200}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${i % 200}` }],
    InstanceProfileList: [],
  }));
  return JSON.stringify({ UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies });
}

test('a 10,000-user account imports off the UI thread and its principals table stays windowed', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const file = join(mkdtempSync(join(tmpdir(), 'ariadne-large-')), 'large-account.json');
  writeFileSync(file, generatedAccount());
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  const started = Date.now();
  await page.getByLabel('Import snapshot…').setInputFiles(file);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('10,000', { timeout: 60_000 });
  const importMs = Date.now() - started;
  const importTasks = await page.evaluate(() => [...(window as unknown as { __longTasks: number[] }).__longTasks]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await expect(page.getByText('10,000 users · 50 groups · 1,000 roles')).toBeVisible();
  const rendered = await page.getByRole('table', { name: 'Principals' }).locator('.vbody [role="row"]').count();
  expect(rendered).toBeLessThan(100);
  // Scroll to the end with the keyboard and sort by policies: still windowed.
  await page.getByLabel('Principal rows: arrow keys move, Enter opens').focus();
  await page.keyboard.press('End');
  await expect(page.locator('.vbody [role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', String(USERS + ROLES + 50 + 1));
  await page.getByRole('button', { name: 'Policies' }).click();
  await page.getByLabel('Search principals').fill('user-9999');
  await expect(page.getByRole('status').filter({ hasText: 'shown' })).toHaveText('1 shown');
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const longest = Math.max(0, ...tasks);
  const fmt = (t: number[]): string => `${t.length} long tasks, longest ${Math.round(Math.max(0, ...t))} ms`;
  process.stdout.write(`large account: import to overview ${importMs} ms; UI thread during import: ${fmt(importTasks)}; whole run: ${fmt(tasks)} (longest ${Math.round(longest)} ms)\n`);
  await page.screenshot({ path: 'test-results/screens/principals-large.png' });
  expect(errors).toEqual([]);
});

test('a long import can be cancelled and leaves the library unchanged', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const file = join(mkdtempSync(join(tmpdir(), 'ariadne-cancel-')), 'huge-account.json');
  writeFileSync(file, generatedAccount(80_000));
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByLabel('Import snapshot…').setInputFiles(file);
  const cancel = page.getByRole('button', { name: 'Cancel import' });
  await expect(cancel).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/import-progress.png' });
  await cancel.click();
  await expect(cancel).toBeHidden();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The engine works again after the cancel (a fresh worker).
  await page.getByRole('link', { name: 'larkspur-prod' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await expect(page.getByRole('table', { name: 'Principals' })).toBeVisible();
  expect(errors).toEqual([]);
});
