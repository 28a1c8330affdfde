// Lists the named profiles of the shared AWS config and credentials files, for profile pickers.
// Reads names, regions and the kind of each profile only: never returns or logs a key.
// Node-only; never imports electron.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** One named profile and how it gets its credentials. */
export interface AwsProfile {
  name: string;
  region?: string;
  kind: 'sso' | 'role' | 'static' | 'process' | 'web-identity' | 'other';
}

type Sections = Map<string, Map<string, string>>;

/** Parses INI text into sections of lowercase keys (values as written; no nesting needed here). */
function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

function kindOf(settings: Map<string, string>): AwsProfile['kind'] {
  if (settings.has('sso_session') || settings.has('sso_start_url')) return 'sso';
  if (settings.has('role_arn') && settings.has('web_identity_token_file')) return 'web-identity';
  if (settings.has('role_arn')) return 'role';
  if (settings.has('credential_process')) return 'process';
  if (settings.has('aws_access_key_id')) return 'static';
  return 'other';
}

/** Lists profiles from `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` (defaults under ~/.aws), sorted by name. */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const home = env['HOME'] ?? homedir();
  const config = parseIni(await readText(env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config')));
  const credentials = parseIni(
    await readText(env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials')),
  );
  const merged = new Map<string, Map<string, string>>();
  for (const [section, settings] of config) {
    // "Configuration and credential file settings" (AWS CLI User Guide): config sections are
    // `[default]` or `[profile NAME]`; `[sso-session NAME]` and `[services NAME]` are not profiles.
    const name = section === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section)?.[1]?.trim();
    if (name !== undefined) merged.set(name, new Map(settings));
  }
  for (const [name, settings] of credentials) {
    const target = merged.get(name) ?? new Map<string, string>();
    for (const [key, value] of settings) if (!target.has(key)) target.set(key, value);
    merged.set(name, target);
  }
  return [...merged.entries()]
    .map(([name, settings]): AwsProfile => {
      const region = settings.get('region');
      return { name, ...(region ? { region } : {}), kind: kindOf(settings) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
