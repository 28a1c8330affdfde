// Public surface of main/aws (the live read-only pull); Node-only, never imports electron.
export { pullAccount, COLLECTORS, type PullOptions, type PullResult } from './pull';
export { PullError, type PullErrorKind } from './errors';
export { READ_ONLY_OPERATIONS, isReadOnlyOperation, type AwsServiceId } from './read-only-operations';
export {
  createClientFactory,
  NotReadOnlyError,
  type ClientFactory,
  type ClientFactoryOptions,
} from './client-factory';
export type {
  AriadneBundle,
  Collector,
  CollectorContext,
  PullProgressEvent,
  ResourcePolicyEntry,
  S3AccountPublicAccessBlock,
} from './collector';
export { listProfiles, type AwsProfile } from './profiles';
