// The IAM action catalogue (services, actions, access levels, resource types, condition keys),
// read from the generated core/catalog/generated/catalog.json. Actions are numbered once in
// (service prefix, action name) order so ids are stable for a catalogue version. Imports only
// core/policy (the wildcard matcher), ./action-set and the generated data; never the npm package.
import data from './generated/catalog.json' with { type: 'json' };
import { compilePattern } from '../policy/pattern';
import { ActionSet } from './action-set';

/** Access level of an action, as the Service Authorization Reference names it. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** A resource type an action applies to. */
export interface CatalogResourceType {
  readonly name: string;
  /** ARN format with `${Partition}`-style placeholders. */
  readonly arn: string;
  /** True when the Service Authorization Reference marks the type required (`*`). */
  readonly required: boolean;
}

/** One service of the catalogue. */
export interface CatalogService {
  /** Service prefix, e.g. `iam`. */
  readonly prefix: string;
  readonly name: string;
  /** Id of the first action of the service; its actions are ids `firstAction … firstAction + actionCount - 1`. */
  readonly firstAction: number;
  readonly actionCount: number;
  /** True when resource control policies support the service. */
  readonly rcpSupported: boolean;
}

/** The action catalogue: lookups by id and by name, wildcard expansion. */
export interface Catalog {
  /** Source package and version the catalogue was generated from. */
  readonly source: string;
  readonly version: string;
  readonly actionCount: number;
  /** Id of `service:Action` (case-insensitive), or undefined when the catalogue lacks it. */
  actionId(name: string): number | undefined;
  /** `service:Action` as AWS spells it. Throws on an id out of range. */
  actionName(id: number): string;
  accessLevel(id: number): AccessLevel;
  /** Service prefix of the action. */
  serviceOf(id: number): string;
  resourceTypes(id: number): readonly CatalogResourceType[];
  /** Action-specific condition keys (global `aws:` keys are not listed). */
  conditionKeys(id: number): readonly string[];
  /** Sorted ids of the actions `pattern` (e.g. `iam:Put*`, `*`, `s3:?et*`) matches, case-insensitively; cached. */
  expandActionPattern(pattern: string): readonly number[];
  /** The same expansion as a bitset (a fresh copy the caller may change). */
  expandActionSet(pattern: string): ActionSet;
  /** An empty action set sized for this catalogue. */
  emptySet(): ActionSet;
  services(): readonly CatalogService[];
  /** The service with this prefix (case-insensitive), or undefined. */
  service(prefix: string): CatalogService | undefined;
}

type ActionTuple = [string, number, number[], number[]];
interface ServiceData {
  prefix: string;
  name: string;
  resourceTypes: [string, string][];
  conditionKeys: string[];
  actions: ActionTuple[];
}
interface CatalogData {
  source: string;
  version: string;
  accessLevels: string[];
  rcpServices: string[];
  services: ServiceData[];
}

const CACHE_LIMIT = 4096;

class CatalogImpl implements Catalog {
  readonly source: string;
  readonly version: string;
  readonly actionCount: number;
  private readonly names: string[] = [];
  /** Lower-cased `service:action`, the text wildcard patterns are matched against. */
  private readonly folded: string[] = [];
  private readonly level: Uint8Array;
  private readonly serviceIndex: Uint16Array;
  private readonly byName = new Map<string, number>();
  private readonly serviceList: CatalogService[] = [];
  private readonly byPrefix = new Map<string, number>();
  private readonly raw: ServiceData[];
  private readonly levels: AccessLevel[];
  private readonly cache = new Map<string, readonly number[]>();

  constructor(d: CatalogData) {
    this.source = d.source;
    this.version = d.version;
    this.raw = d.services;
    this.levels = d.accessLevels as AccessLevel[];
    const rcp = new Set(d.rcpServices);
    const total = d.services.reduce((n, s) => n + s.actions.length, 0);
    this.actionCount = total;
    this.level = new Uint8Array(total);
    this.serviceIndex = new Uint16Array(total);
    let id = 0;
    d.services.forEach((s, si) => {
      this.serviceList.push({
        prefix: s.prefix,
        name: s.name,
        firstAction: id,
        actionCount: s.actions.length,
        rcpSupported: rcp.has(s.prefix),
      });
      this.byPrefix.set(s.prefix.toLowerCase(), si);
      for (const a of s.actions) {
        const name = `${s.prefix}:${a[0]}`;
        this.names.push(name);
        const lower = name.toLowerCase();
        this.folded.push(lower);
        if (!this.byName.has(lower)) this.byName.set(lower, id);
        this.level[id] = a[1];
        this.serviceIndex[id] = si;
        id++;
      }
    });
  }

  private check(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.actionCount) throw new Error(`catalog: action id \`${id}\` out of range`);
  }

  private tuple(id: number): { service: ServiceData; action: ActionTuple } {
    this.check(id);
    const si = this.serviceIndex[id] as number;
    const service = this.raw[si] as ServiceData;
    const first = (this.serviceList[si] as CatalogService).firstAction;
    return { service, action: service.actions[id - first] as ActionTuple };
  }

  actionId(name: string): number | undefined {
    return this.byName.get(name.toLowerCase());
  }

  actionName(id: number): string {
    this.check(id);
    return this.names[id] as string;
  }

  accessLevel(id: number): AccessLevel {
    this.check(id);
    return this.levels[this.level[id] as number] as AccessLevel;
  }

  serviceOf(id: number): string {
    this.check(id);
    return (this.serviceList[this.serviceIndex[id] as number] as CatalogService).prefix;
  }

  resourceTypes(id: number): readonly CatalogResourceType[] {
    const { service, action } = this.tuple(id);
    return action[2].map((code) => {
      const required = code >= 0;
      const [name, arn] = service.resourceTypes[required ? code : -code - 1] as [string, string];
      return { name, arn, required };
    });
  }

  conditionKeys(id: number): readonly string[] {
    const { service, action } = this.tuple(id);
    return action[3].map((k) => service.conditionKeys[k] as string);
  }

  expandActionPattern(pattern: string): readonly number[] {
    const key = pattern.toLowerCase();
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const ids = this.expand(key);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, ids);
    return ids;
  }

  private expand(pattern: string): readonly number[] {
    if (!pattern.includes('*') && !pattern.includes('?')) {
      const id = this.byName.get(pattern);
      return Object.freeze(id === undefined ? [] : [id]);
    }
    // Actions have no policy variables (AWS "IAM JSON policy elements: Action"); match case-insensitively.
    const compiled = compilePattern(pattern, { caseInsensitive: true, variables: false });
    let from = 0;
    let to = this.actionCount;
    const colon = pattern.indexOf(':');
    if (colon >= 0) {
      const prefix = pattern.slice(0, colon);
      if (!prefix.includes('*') && !prefix.includes('?')) {
        const si = this.byPrefix.get(prefix);
        if (si === undefined) return Object.freeze([]);
        const s = this.serviceList[si] as CatalogService;
        from = s.firstAction;
        to = s.firstAction + s.actionCount;
      }
    }
    const ids: number[] = [];
    for (let id = from; id < to; id++) if (compiled.match(this.folded[id] as string).matched) ids.push(id);
    return Object.freeze(ids);
  }

  expandActionSet(pattern: string): ActionSet {
    return ActionSet.of(this.actionCount, this.expandActionPattern(pattern));
  }

  emptySet(): ActionSet {
    return new ActionSet(this.actionCount);
  }

  services(): readonly CatalogService[] {
    return this.serviceList;
  }

  service(prefix: string): CatalogService | undefined {
    const si = this.byPrefix.get(prefix.toLowerCase());
    return si === undefined ? undefined : this.serviceList[si];
  }
}

let instance: Catalog | undefined;

/** The action catalogue, built on first use. */
export function getCatalog(): Catalog {
  instance ??= new CatalogImpl(data as unknown as CatalogData);
  return instance;
}
