// The Query view in Chromium through web mode: can questions on the demo account, the decision and
// the deciding statement, the link to the Policy view with the statement highlighted, context keys.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

const A = 'arn:aws:iam::111122223333';

// Tall enough that the screenshots show the whole answer (the content pane scrolls, not the page).
test.use({ viewport: { width: 1280, height: 1500 } });
const shots = (name: string): string => `test-results/screens/${name}.png`;

async function openQuery(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Query' }).click();
  await expect(page.getByRole('heading', { name: 'Query', level: 2 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Principal' })).toBeVisible();
  return errors;
}

/** Controls without an accessible name (text, aria-label, aria-labelledby, a label or a title). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.locator('button, a[href], input, select, textarea, [role="tab"], [role="combobox"], [tabindex="0"]').evaluateAll((els) =>
    els
      .filter((el) => {
        const e = el as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
        return !(e.textContent?.trim() || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.labels && e.labels.length > 0) || e.getAttribute('title'));
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

async function ask(page: Page, q: { principal: string; action: string; resource: string; context?: [string, string][] }): Promise<void> {
  await page.getByRole('combobox', { name: 'Principal' }).fill(q.principal);
  await page.getByRole('combobox', { name: 'Action' }).fill(q.action);
  await page.getByRole('combobox', { name: 'Resource' }).fill(q.resource);
  for (const [i, [k, v]] of (q.context ?? []).entries()) {
    await page.getByRole('button', { name: '+ Add context key' }).click();
    await page.getByRole('combobox', { name: `Key ${i + 1}` }).fill(k);
    await page.getByLabel(`Value ${i + 1}`, { exact: true }).fill(v);
  }
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

test('a developer is denied by the permissions boundary, and the deciding statement opens highlighted', async ({ page }) => {
  const errors = await openQuery(page);
  // The principal picker searches users and roles.
  await page.getByRole('combobox', { name: 'Principal' }).fill('bob');
  await page.getByRole('option', { name: /bob\.okafor/ }).click();
  await expect(page.getByRole('combobox', { name: 'Principal' })).toHaveValue(`${A}:user/bob.okafor`);
  // The action input suggests catalogue actions.
  await page.getByRole('combobox', { name: 'Action' }).fill('iam:CreateUs');
  await expect(page.getByRole('option', { name: 'iam:CreateUser' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Action' }).press('ArrowDown');
  await page.getByRole('combobox', { name: 'Action' }).press('Enter');
  await expect(page.getByRole('combobox', { name: 'Action' })).toHaveValue('iam:CreateUser');
  await page.getByRole('combobox', { name: 'Resource' }).fill(`${A}:user/new-hire`);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();

  const decision = page.getByTestId('decision');
  await expect(decision).toContainText('Denied: explicit deny');
  const deciding = page.getByRole('region', { name: 'Denied by' }).getByTestId('deciding-statement');
  await expect(deciding).toHaveCount(1);
  await expect(deciding).toContainText('DenyLeavingTheSandbox');
  await expect(deciding).toContainText('DeveloperBoundary');
  await expect(page.getByRole('region', { name: 'Permissions boundary' })).toContainText('Denies explicitly');
  await page.screenshot({ path: shots('query-can-boundary-deny'), fullPage: true });

  await deciding.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /DeveloperBoundary/, level: 2 })).toBeVisible();
  const marked = page.getByTestId('highlighted-statement');
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('"Sid": "DenyLeavingTheSandbox"');
  await expect(marked).toBeInViewport();
  await expect(page.getByRole('note')).toContainText('Highlighted: DenyLeavingTheSandbox, the statement that denied the request');
  await page.screenshot({ path: shots('query-policy-highlight') });

  // Back returns to the question, asked again.
  await page.getByRole('button', { name: 'Back to the query' }).click();
  await expect(page.getByTestId('decision')).toContainText('Denied: explicit deny');
  await expect(page.getByRole('combobox', { name: 'Principal' })).toHaveValue(`${A}:user/bob.okafor`);
  expect(errors).toEqual([]);
});

test('the admin role is allowed by AdministratorAccess and every SCP level', async ({ page }) => {
  const errors = await openQuery(page);
  await ask(page, { principal: `${A}:role/PlatformAdmin`, action: 'iam:CreateUser', resource: `${A}:user/new-hire` });
  await expect(page.getByTestId('decision')).toContainText('Allowed');
  const allowedBy = page.getByRole('region', { name: 'Allowed by' });
  await expect(allowedBy.getByTestId('deciding-statement').filter({ hasText: 'AdministratorAccess' })).toHaveCount(1);
  await expect(allowedBy.getByTestId('deciding-statement').filter({ hasText: 'FullAWSAccess' })).toHaveCount(3);
  await page.screenshot({ path: shots('query-can-admin-allowed'), fullPage: true });
  await allowedBy.getByTestId('deciding-statement').filter({ hasText: 'AdministratorAccess' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: /AdministratorAccess/, level: 2 })).toBeVisible();
  await expect(page.getByTestId('highlighted-statement')).toContainText('"Effect": "Allow"');
  expect(errors).toEqual([]);
});

test('an SCP denies a region outside the EU, and its statement opens highlighted', async ({ page }) => {
  const errors = await openQuery(page);
  await ask(page, { principal: `${A}:user/frank.li`, action: 'ec2:RunInstances', resource: '*', context: [['aws:RequestedRegion', 'us-east-1']] });
  await expect(page.getByTestId('decision')).toContainText('Denied: explicit deny');
  const deciding = page.getByRole('region', { name: 'Denied by' }).getByTestId('deciding-statement');
  await expect(deciding).toContainText('DenyOutsideEu');
  await expect(deciding).toContainText('eu-regions-only');
  await expect(page.getByRole('region', { name: 'Service control policies (SCPs)' })).toContainText('Denies explicitly');
  await page.screenshot({ path: shots('query-can-scp-deny'), fullPage: true });
  await deciding.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'eu-regions-only', level: 2 })).toBeVisible();
  await expect(page.getByText('Service control policy')).toBeVisible();
  await expect(page.getByTestId('highlighted-statement')).toContainText('DenyOutsideEu');
  await page.screenshot({ path: shots('query-policy-scp-highlight') });

  // In the EU, the same request is allowed.
  await page.goBack();
  await page.getByLabel('Value 1', { exact: true }).fill('eu-west-1');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('decision')).toContainText('Allowed');
  expect(errors).toEqual([]);
});

test('a context key changes the answer: MFA lets a platform user assume the admin role', async ({ page }) => {
  const errors = await openQuery(page);
  await ask(page, { principal: `${A}:user/alice.nguyen`, action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin` });
  await expect(page.getByTestId('decision')).toContainText('Denied: implicit deny');
  const hints = page.getByRole('region', { name: 'Context that would change the answer' });
  await expect(hints).toContainText('aws:MultiFactorAuthPresent');
  await expect(hints.getByTestId('hint').filter({ hasText: 'PeopleWithMfa' })).toContainText('aws:MultiFactorAuthPresent = true');
  await expect(page.getByRole('region', { name: 'Resource-based policy' })).toContainText('Condition not met');
  await page.screenshot({ path: shots('query-can-mfa-missing'), fullPage: true });

  await page.getByRole('button', { name: '+ Add context key' }).click();
  const key = page.getByRole('combobox', { name: 'Key 1' });
  await key.fill('MultiFactor');
  await page.getByRole('option', { name: /aws:MultiFactorAuthPresent/ }).click();
  await expect(key).toHaveValue('aws:MultiFactorAuthPresent');
  // A bad value is reported beside the row and the question is not asked.
  await page.getByLabel('Value 1', { exact: true }).fill('yes');
  await expect(page.getByText('aws:MultiFactorAuthPresent: expected true or false')).toBeVisible();
  await page.getByLabel('Value 1', { exact: true }).fill('true');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('decision')).toContainText('Allowed');
  await expect(page.getByRole('region', { name: 'Allowed by' })).toContainText('PeopleWithMfa');
  await expect(page.getByRole('region', { name: 'Allowed by' })).toContainText('AssumeAdminWithMfa');
  await page.screenshot({ path: shots('query-can-mfa-allowed'), fullPage: true });
  expect(errors).toEqual([]);
});

test('invalid fields are reported inline and the tabs work from the keyboard, in the dark theme', async ({ page }) => {
  const errors = await openQuery(page);
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await page.getByRole('combobox', { name: 'Action' }).fill('GetObject');
  await page.getByRole('combobox', { name: 'Resource' }).fill('bucket');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByText('choose a user or role')).toBeVisible();
  await expect(page.getByText('expected service:Action')).toBeVisible();
  await expect(page.getByText('expected an ARN')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Action' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('decision')).toHaveCount(0);
  await page.screenshot({ path: shots('query-validation-dark'), fullPage: true });
  await ask(page, { principal: `${A}:user/bob.okafor`, action: 's3:GetObject', resource: 'arn:aws:s3:::larkspur-prod-data/report.csv', context: [['aws:RequestedRegion', 'eu-west-1']] });
  await expect(page.getByTestId('decision')).toContainText('Denied: explicit deny');
  await expect(page.getByRole('region', { name: 'Denied by' })).toContainText('DenyProductionData');
  await page.screenshot({ path: shots('query-can-dark'), fullPage: true });
  expect(await unnamedControls(page)).toEqual([]);

  const tab = page.getByRole('tab', { name: 'can', exact: true });
  await tab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'who-can' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'who-can' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'what-can' })).toHaveAttribute('aria-selected', 'true');
  expect(errors).toEqual([]);
});

test('who-can lists who may assume the admin role, with MFA as the condition some need', async ({ page }) => {
  const errors = await openQuery(page);
  await page.getByRole('tab', { name: 'who-can' }).click();
  await page.getByRole('combobox', { name: 'Action' }).fill('sts:AssumeRole');
  await page.getByRole('combobox', { name: 'Resource' }).fill(`${A}:role/PlatformAdmin`);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const table = page.getByRole('table', { name: 'Who can' });
  await expect(table).toBeVisible();
  await expect(table.getByTestId('whocan-row').filter({ hasText: 'role/ops-support' })).toContainText('allowed');
  const alice = table.getByTestId('whocan-row').filter({ hasText: 'user/alice.nguyen' });
  await expect(alice).toContainText('conditional');
  await expect(alice).toContainText('needs aws:MultiFactorAuthPresent = true');
  await expect(table.getByTestId('whocan-row').filter({ hasText: 'lambda.amazonaws.com' })).toContainText('resource policy');
  await page.screenshot({ path: shots('query-who-can'), fullPage: true });
  // Strict: only those allowed outright.
  await page.getByRole('checkbox', { name: /Strict/ }).check();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(table.getByTestId('whocan-row').filter({ hasText: 'user/alice.nguyen' })).toHaveCount(0);
  await expect(table.getByTestId('whocan-row').filter({ hasText: 'role/ops-support' })).toHaveCount(1);
  // A statement named in a condition opens highlighted.
  await page.getByRole('checkbox', { name: /Strict/ }).uncheck();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await alice.getByRole('link', { name: /PlatformAdmin:trust/ }).click();
  await expect(page.getByTestId('highlighted-statement')).toContainText('PeopleWithMfa');
  // Back in who-can, a row's Explain asks the can question for that principal.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'who-can' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await page.getByRole('button', { name: `Explain the answer for ${A}:role/ops-support` }).click();
  await expect(page.getByRole('tab', { name: 'can', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('decision')).toContainText('Allowed');
  await expect(page.getByRole('region', { name: 'Allowed by' })).toContainText('IncidentRunbook');
  expect(errors).toEqual([]);
});

test('what-can groups a developer\'s actions by service and access level', async ({ page }) => {
  const errors = await openQuery(page);
  await page.getByRole('tab', { name: 'what-can' }).click();
  await page.getByRole('combobox', { name: 'Principal' }).fill('carol');
  await page.getByRole('option', { name: /carol\.diaz/ }).click();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('whatcan-summary')).toContainText('actions in');
  const s3 = page.getByTestId('whatcan-service').filter({ has: page.locator('summary', { hasText: /^s3\b/ }) });
  await expect(s3).toHaveCount(1);
  await s3.locator('summary').click();
  await expect(s3.getByRole('heading', { name: 'Read' })).toBeVisible();
  await expect(s3).toContainText('s3:GetObject');
  await expect(s3).toContainText('DeveloperBoundary');
  await page.screenshot({ path: shots('query-what-can'), fullPage: true });
  expect(errors).toEqual([]);
});

test('an inline policy that allows opens in the Policy view with its statement highlighted', async ({ page }) => {
  const errors = await openQuery(page);
  await ask(page, { principal: `${A}:user/dan.kowalski`, action: 'iam:PassRole', resource: `${A}:role/PlatformAdmin` });
  await expect(page.getByTestId('decision')).toContainText('Allowed');
  const inline = page.getByRole('region', { name: 'Allowed by' }).getByTestId('deciding-statement').filter({ hasText: 'lambda-prototyping' });
  await expect(inline).toHaveCount(1);
  await inline.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'lambda-prototyping', level: 2 })).toBeVisible();
  await expect(page.getByText('Inline policy', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'user dan.kowalski' })).toBeVisible();
  await expect(page.getByTestId('highlighted-statement')).toContainText('iam:PassRole');
  await page.screenshot({ path: shots('query-policy-inline-highlight') });
  expect(errors).toEqual([]);
});
