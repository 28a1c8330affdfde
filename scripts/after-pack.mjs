// electron-builder afterPack hook: flips Electron's fuses for a hardened app with @electron/fuses.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse settings of a packaged Ariadne, by platform. */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    // Running the binary as plain Node would bypass every renderer protection.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Electron validates the asar's embedded integrity on macOS and Windows only; on Linux the
    // fuse has no effect, so it stays off there rather than claiming a check that does not run.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === 'darwin' || platform === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Path of the Electron executable inside the packaged app. */
function executablePath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  await flipFuses(executablePath(context), {
    ...fuseConfig(platform),
    resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 /* arm64 */,
  });
}
