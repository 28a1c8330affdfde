// The app's AWS pull dialog in Chromium through web mode, against the fake AWS server on 127.0.0.1:
// each test starts its own web-mode server whose pulls go to its own fake (never a real endpoint).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startWebServer, type WebServer } from '../../main/web/server';
import { smallAccount } from '../fakes/aws/account';
import { startFakeAws, type FakeAws, type FakeScenario } from '../fakes/aws/server';
import { collectErrors } from './helpers';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYE2EPULLSECRET';
const PROFILE = 'client-audit';
const shots = (name: string): string => `test-results/screens/pull-${name}.png`;

// Tall enough for the whole progress list in the screenshots.
test.use({ viewport: { width: 1280, height: 1240 } });

let env: NodeJS.ProcessEnv;
let running: { web: WebServer; fake: FakeAws } | undefined;

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-e2e-pull-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  writeFileSync(
    config,
    `[profile ${PROFILE}]\nregion = eu-west-1\n\n[profile other-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\n`,
  );
  writeFileSync(
    credentials,
    `[${PROFILE}]\naws_access_key_id = AKIAFAKEFAKEFAKE0042\naws_secret_access_key = ${SECRET}\n`,
  );
  // The SDK's profile loader reads these from the process environment: this worker's, never ~/.aws.
  env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: dir };
  Object.assign(process.env, env);
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_ACCESS_KEY_ID'];
  delete process.env['AWS_SECRET_ACCESS_KEY'];
  delete process.env['AWS_SESSION_TOKEN'];
});

test.afterEach(async () => {
  await running?.web.close();
  await running?.fake.close();
  running = undefined;
});

/** Starts a fake AWS server with `scenario` and a web-mode server whose pulls go to it; opens the pull view. */
async function launch(page: Page, scenario: FakeScenario = {}): Promise<{ errors: string[]; fake: FakeAws }> {
  const fake = await startFakeAws(smallAccount(), scenario);
  const web = await startWebServer({
    root: resolve('out/renderer'),
    version: 'e2e',
    aws: { endpointUrl: fake.url, env, maxAttempts: 4, pollIntervalMs: 20, requestTimeoutMs: 30_000 },
  });
  running = { web, fake };
  const errors = collectErrors(page);
  await page.goto(web.url);
  // First start in this origin: the demo snapshot is imported and opened.
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Pull from AWS' }).click();
  await expect(page.getByRole('heading', { name: 'Pull from AWS', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Profile')).toHaveValue(PROFILE);
  return { errors, fake };
}

function row(page: Page, collector: string, region?: string) {
  const rows = page.locator(`[data-testid="pull-row"][data-collector="${collector}"]`);
  return region ? rows.filter({ hasText: region }) : rows.first();
}

async function libraryCount(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Stored snapshots' })).toBeVisible();
  return page.getByTestId('library-row').count();
}

test('pulls an account with a profile and region, shows each collector, and opens the stored snapshot', async ({
  page,
}) => {
  const { errors, fake } = await launch(page, { pageSize: 2 });
  await expect(page.getByLabel('Profile').locator('option')).toHaveText([
    `${PROFILE} (static)`,
    'other-sso (sso)',
  ]);
  await expect(page.getByLabel('Region')).toHaveValue('eu-west-1');
  await page.getByText('Extra regions for resource policies').click();
  await page.getByRole('checkbox', { name: 'us-east-1' }).check();
  await page.screenshot({ path: shots('form'), fullPage: true });
  await page.getByRole('button', { name: 'Start pull' }).click();
  // The pulled snapshot opens with its counts.
  await expect(page.getByRole('heading', { name: 'example-prod', level: 2 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('3');
  await expect(page.getByTestId('count-groups').locator('.card-number')).toHaveText('1');
  await expect(page.getByTestId('count-roles').locator('.card-number')).toHaveText('2');
  await page.screenshot({ path: shots('opened'), fullPage: true });
  // The pull's report stays on the pull view: every collector ran, pages were counted.
  await page.getByRole('link', { name: 'Pull from AWS' }).click();
  await expect(page.getByTestId('pull-status')).toContainText('Last pull: account 111122223333');
  await expect(page.locator('[data-testid="pull-row"][data-status="done"]')).toHaveCount(8 + 6 * 2);
  await expect(row(page, 'iam.authorization-details').locator('td').nth(2)).toHaveText('4');
  await expect(row(page, 'lambda', 'us-east-1')).toContainText('Done');
  await page.screenshot({ path: shots('report'), fullPage: true });
  // Both regions were read, and only through the fake endpoint.
  expect(new Set(fake.calls.filter((c) => c.service === 'lambda').map((c) => c.region))).toEqual(
    new Set(['eu-west-1', 'us-east-1']),
  );
  expect(await libraryCount(page)).toBe(2);
  expect(errors).toEqual([]);
});

test('shows throttled calls as retries in the progress', async ({ page }) => {
  const { errors } = await launch(page, {
    throttle: { 'iam:GetAccountAuthorizationDetails': 2, 'kms:ListKeys': 1 },
  });
  await page.getByRole('button', { name: 'Start pull' }).click();
  await expect(page.getByRole('heading', { name: 'example-prod', level: 2 })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('link', { name: 'Pull from AWS' }).click();
  await expect(row(page, 'iam.authorization-details').getByTestId('pull-retries')).toHaveText('2');
  await expect(row(page, 'kms', 'eu-west-1').getByTestId('pull-retries')).toHaveText('1');
  await expect(page.getByTestId('pull-status')).toContainText('3 retries (throttled)');
  await page.screenshot({ path: shots('retries'), fullPage: true });
  expect(errors).toEqual([]);
});

test('turns access denied on an optional collector into a warning and still completes', async ({ page }) => {
  const { errors } = await launch(page, { deny: ['kms', 'organizations'] });
  await page.getByRole('button', { name: 'Start pull' }).click();
  await expect(page.getByRole('heading', { name: 'example-prod', level: 2 })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('link', { name: 'Pull from AWS' }).click();
  await expect(row(page, 'kms')).toHaveAttribute('data-status', 'warning');
  await expect(row(page, 'kms')).toContainText('not collected: access denied (AccessDeniedException)');
  await expect(row(page, 'organizations')).toHaveAttribute('data-status', 'warning');
  await expect(row(page, 'iam.authorization-details')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('pull-status')).toContainText('2 warnings');
  await page.screenshot({ path: shots('warnings'), fullPage: true });
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await page.screenshot({ path: shots('warnings-dark'), fullPage: true });
  expect(await libraryCount(page)).toBe(2);
  expect(errors).toEqual([]);
});

test('says what to run when the credentials have expired, and stores nothing', async ({ page }) => {
  const { errors } = await launch(page, { expiredToken: true });
  await page.getByRole('button', { name: 'Start pull' }).click();
  const alert = page.getByTestId('pull-error');
  await expect(alert).toContainText('credentials expired or invalid (ExpiredToken)');
  await expect(alert).toContainText(`aws sso login --profile ${PROFILE}`);
  await expect(alert).toContainText('Nothing was stored');
  await expect(alert).not.toContainText(SECRET);
  await expect(page.getByRole('button', { name: 'Start pull' })).toBeEnabled();
  await page.screenshot({ path: shots('expired'), fullPage: true });
  expect(await page.content()).not.toContain(SECRET);
  expect(await libraryCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('a connection dropped in the middle fails the pull with one line and stores nothing', async ({ page }) => {
  const { errors } = await launch(page, { drop: ['sqs'] });
  await page.getByRole('button', { name: 'Start pull' }).click();
  await expect(page.getByTestId('pull-error')).toContainText('sqs (eu-west-1): network failure');
  await expect(page.getByTestId('pull-error')).toContainText('nothing written; check the connection and run the pull again');
  await expect(row(page, 'sqs')).toHaveAttribute('data-status', 'failed');
  await expect(row(page, 'sns')).toHaveAttribute('data-status', 'skipped');
  await expect(row(page, 'lambda')).toHaveAttribute('data-status', 'done');
  await page.screenshot({ path: shots('network'), fullPage: true });
  expect(await libraryCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('says to run aws sso login when the SSO session is missing', async ({ page }) => {
  const { errors, fake } = await launch(page);
  await page.getByLabel('Profile').selectOption('other-sso');
  await expect(page.getByLabel('Region')).toHaveValue('us-east-1');
  await page.getByRole('button', { name: 'Start pull' }).click();
  await expect(page.getByTestId('pull-error')).toContainText(
    'credentials: the SSO session has expired or is missing: run aws sso login --profile other-sso',
  );
  await page.screenshot({ path: shots('sso'), fullPage: true });
  expect(fake.calls).toEqual([]);
  expect(await libraryCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('cancels a running pull and stores nothing', async ({ page }) => {
  const { errors } = await launch(page, { hang: ['ecr'], deny: ['sns'] });
  await page.getByRole('button', { name: 'Start pull' }).click();
  await expect(row(page, 'ecr')).toHaveAttribute('data-status', 'running');
  await expect(row(page, 'iam.authorization-details')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('pull-status')).toContainText(
    'Pulling account 111122223333 as arn:aws:iam::111122223333:user/auditor',
  );
  await page.screenshot({ path: shots('progress'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('pull-status')).toHaveText('Pull cancelled: nothing was stored.');
  await expect(row(page, 'ecr')).toHaveAttribute('data-status', 'cancelled');
  await expect(row(page, 'ecr', 'eu-west-1')).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await page.screenshot({ path: shots('cancelled'), fullPage: true });
  expect(await libraryCount(page)).toBe(1);
  expect(errors).toEqual([]);
});
