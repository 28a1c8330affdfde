// First start: the bundled demo snapshot goes into the library and opens. Runs once per
// database (a setting remembers it), so deleting the demo does not bring it back.
import demo from '../../examples/demo-account.json';
import { getSetting, setSetting } from '../db/library';
import type { Services } from './context';
import { importFiles, type ImportState } from './importer';

const SETTING = 'demoImported';
let running: Promise<ImportState | undefined> | undefined;

/** Imports the demo on the first start; resolves to the import's state, or `undefined` when not needed. */
export function importDemoOnFirstStart(services: Services): Promise<ImportState | undefined> {
  running ??= (async () => {
    if ((await getSetting(services.db, SETTING)) === true) return undefined;
    if ((await services.db.snapshots.count()) > 0) {
      await setSetting(services.db, SETTING, true);
      return undefined;
    }
    const result = await importFiles(services, [{ name: 'demo-account.json', text: JSON.stringify(demo) }], () => undefined, () => undefined);
    if (result.kind === 'done') await setSetting(services.db, SETTING, true);
    return result;
  })();
  return running;
}
