// The importer and the bundle's `s3AccountPublicAccessBlock`: kept in the snapshot's extra fields,
// written back by toBundle, and left out with a warning when a setting is not a boolean.
import { describe, expect, it } from 'vitest';
import { parseSnapshot, toBundle, type ImportResult } from '../../../core/snapshot/index';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK } from '../../../core/model/snapshot';

function bundle(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    format: 'ariadne.snapshot/v1',
    account: { id: '111122223333', partition: 'aws' },
    authorizationDetails: { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
    ...extra,
  };
}

function imported(value: unknown): Extract<ImportResult, { kind: 'ok' }> {
  const result = parseSnapshot([{ name: 'bundle.json', value }]);
  if (result.kind !== 'ok') throw new Error(JSON.stringify(result.diagnostics));
  return result;
}

const BLOCK = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: true,
};

describe('s3AccountPublicAccessBlock in a bundle', () => {
  it('is kept in the snapshot as given, without a warning', () => {
    const { snapshot, diagnostics } = imported(bundle({ s3AccountPublicAccessBlock: BLOCK }));
    expect(snapshot.extra[S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]).toEqual(BLOCK);
    expect(diagnostics).toEqual([]);
  });

  it('round-trips through toBundle and the importer', () => {
    const first = imported(bundle({ s3AccountPublicAccessBlock: BLOCK, s3Buckets: [] }));
    const written = JSON.parse(JSON.stringify(toBundle(first.snapshot))) as Record<string, unknown>;
    expect(written['s3AccountPublicAccessBlock']).toEqual(BLOCK);
    const again = imported(written);
    expect(again.snapshot.extra[S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]).toEqual(BLOCK);
  });

  it('keeps settings AWS may add later beside the four known ones', () => {
    const { snapshot } = imported(
      bundle({ s3AccountPublicAccessBlock: { RestrictPublicBuckets: true, FutureSetting: 'x' } }),
    );
    expect(snapshot.extra[S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]).toEqual({
      RestrictPublicBuckets: true,
      FutureSetting: 'x',
    });
  });

  it('is left out with a warning when a setting is not a boolean', () => {
    const { snapshot, diagnostics } = imported(
      bundle({ s3AccountPublicAccessBlock: { ...BLOCK, RestrictPublicBuckets: 'true' } }),
    );
    expect(Object.hasOwn(snapshot.extra, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)).toBe(false);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        id: 'snapshot.bundle.part.invalid',
        severity: 'warning',
        path: 's3AccountPublicAccessBlock.RestrictPublicBuckets',
        message:
          'expected true or false, found a string; `s3AccountPublicAccessBlock` is left out of the snapshot',
      }),
    ]);
  });

  it('is left out with a warning when it is not an object', () => {
    const { snapshot, diagnostics } = imported(bundle({ s3AccountPublicAccessBlock: [true] }));
    expect(Object.hasOwn(snapshot.extra, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)).toBe(false);
    expect(diagnostics.map((d) => d.id)).toEqual(['snapshot.bundle.part.invalid']);
  });

  it('reads a hostile `__proto__` key as an unknown setting, not as a prototype', () => {
    const value = JSON.parse(
      '{"format":"ariadne.snapshot/v1","authorizationDetails":{},"s3AccountPublicAccessBlock":{"__proto__":{"RestrictPublicBuckets":true}}}',
    ) as unknown;
    const { snapshot } = imported(value);
    const block = snapshot.extra[S3_ACCOUNT_PUBLIC_ACCESS_BLOCK] as Record<string, unknown>;
    expect(Object.hasOwn(block, 'RestrictPublicBuckets')).toBe(false);
    expect((block as { RestrictPublicBuckets?: unknown }).RestrictPublicBuckets).toBeUndefined();
  });
});
