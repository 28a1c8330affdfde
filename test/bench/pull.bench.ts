// Benchmark: a full `pullAccount` from the fake AWS endpoint of an account the size of the large
// generated one (5,000 users, 5,000 roles, 1,500 policies); prints one JSON line per run.
// Reads `.bench/large-seed1.json` when present (npm run bench generates it), else (or with
// `--generate`) builds the account in memory.
// The fake server runs in the same process, so the time includes building its XML answers.
import { existsSync, readFileSync } from 'node:fs';
import { pullAccount } from '../../main/aws/index';
import { largeAccount, smallAccount, type FakeAccount, type Json } from '../fakes/aws/account';
import { startFakeAws } from '../fakes/aws/server';

const RUNS = 2;
const FIXTURE = '.bench/large-seed1.json';

function list(value: unknown, key: string): Json[] {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return [];
  const items = (value as Json)[key];
  return Array.isArray(items) ? (items as Json[]) : [];
}

function loadAccount(): { account: FakeAccount; source: string } {
  if (existsSync(FIXTURE) && !process.argv.includes('--generate')) {
    const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json;
    const details = Object.hasOwn(bundle, 'authorizationDetails') ? bundle['authorizationDetails'] : bundle;
    const base = smallAccount();
    const report = Object.hasOwn(bundle, 'credentialReport') ? bundle['credentialReport'] : undefined;
    return {
      source: FIXTURE,
      account: {
        ...base,
        users: list(details, 'UserDetailList'),
        groups: list(details, 'GroupDetailList'),
        roles: list(details, 'RoleDetailList'),
        policies: list(details, 'Policies'),
        ...(typeof report === 'string' ? { credentialReportCsv: report } : {}),
      },
    };
  }
  return {
    source: 'generated',
    account: largeAccount({ users: 5000, roles: 5000, policies: 1500, groups: 300 }),
  };
}

async function main(): Promise<void> {
  const { account, source } = loadAccount();
  for (let run = 1; run <= RUNS; run += 1) {
    const fake = await startFakeAws(account, { reportPolls: 1 });
    let pages = 0;
    const start = performance.now();
    const result = await pullAccount({
      endpointUrl: fake.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIABENCHFAKE0000001', secretAccessKey: 'bench-fake-secret' },
      pollIntervalMs: 1,
      onProgress: (event) => {
        if (event.kind === 'page' && event.collector === 'iam.authorization-details') pages += 1;
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const details = result.bundle.authorizationDetails;
    process.stdout.write(
      JSON.stringify({
        bench: 'pull',
        run,
        source,
        users: details.UserDetailList.length,
        groups: details.GroupDetailList.length,
        roles: details.RoleDetailList.length,
        policies: details.Policies.length,
        seconds: Number(seconds.toFixed(2)),
        calls: fake.calls.length,
        requests: result.requests,
        retries: result.retries,
        authorizationDetailsPages: pages,
        bundleMB: Number((JSON.stringify(result.bundle).length / 1e6).toFixed(1)),
        peakRssMB: Math.round(process.memoryUsage().rss / 1e6),
      }) + '\n',
    );
    await fake.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pull.bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
