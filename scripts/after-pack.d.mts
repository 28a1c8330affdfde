import type { FuseV1Options } from '@electron/fuses';
/** The fuse settings of a packaged Ariadne, by platform. */
export function fuseConfig(platform: string): { version: string } & Record<FuseV1Options, boolean>;
export default function afterPack(context: unknown): Promise<void>;
