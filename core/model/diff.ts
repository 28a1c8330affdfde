// The comparison of two snapshots of one account, and the triage of findings carried from one
// snapshot to the next. Plain readonly data; imports only core/model types.
import type { FindingSeverity } from './finding';
import type { AccessLevelName } from './access';
import type { PolicyStatement } from './policy';
import type { Tag } from './snapshot';

/** The kind of an identity (users and roles are principals; groups carry policies). */
export type IdentityKind = 'user' | 'group' | 'role';

/** The sections a diff is grouped in, in display order. */
export type DiffSection =
  | 'principals'
  | 'policies'
  | 'attachments'
  | 'memberships'
  | 'trust'
  | 'boundaries'
  | 'tags'
  | 'access'
  | 'findings';

/** Every section, in display order. */
export const DIFF_SECTIONS: readonly DiffSection[] = [
  'principals',
  'policies',
  'attachments',
  'memberships',
  'trust',
  'boundaries',
  'tags',
  'access',
  'findings',
];

/** A policy document the diff talks about: a managed policy, or an inline policy of an identity. */
export type PolicyRef =
  | { readonly kind: 'managed'; readonly arn: string; readonly name: string }
  | { readonly kind: 'inline'; readonly holder: string; readonly holderKind: IdentityKind; readonly name: string }
  /** A service or resource control policy attached at one level (root, OU or account id) of the organisation path. */
  | { readonly kind: 'scp' | 'rcp'; readonly level: string; readonly name: string }
  /** A resource-based policy collected in a bundle (bucket policy, key policy…). */
  | { readonly kind: 'resource'; readonly resource: string };

/** A `Principal`/`NotPrincipal` flattened to `type:value` strings (`AWS:arn:…`, `Service:ec2.amazonaws.com`, `*`). */
export type FlatPrincipal = string;

/** One condition of a statement, flattened: operator, key and its values. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** What changed in one element of a statement matched across the two documents. */
export type ElementChange =
  | { readonly kind: 'sid'; readonly old?: string; readonly new?: string }
  | { readonly kind: 'effect'; readonly old: string; readonly new: string }
  | {
      readonly kind: 'list';
      readonly element: 'Action' | 'NotAction' | 'Resource' | 'NotResource';
      readonly added: readonly string[];
      readonly removed: readonly string[];
    }
  | {
      readonly kind: 'principal';
      readonly element: 'Principal' | 'NotPrincipal';
      readonly added: readonly FlatPrincipal[];
      readonly removed: readonly FlatPrincipal[];
    }
  | {
      readonly kind: 'condition';
      readonly added: readonly ConditionEntry[];
      readonly removed: readonly ConditionEntry[];
      /** Same operator and key, other values. */
      readonly changed: readonly { readonly operator: string; readonly key: string; readonly old: readonly string[]; readonly new: readonly string[] }[];
    };

/**
 * How a statement was matched: by its `Sid` (present and unique in both documents), or by content
 * (identical apart from the Sid, or the same Effect and the same action, resource or principal element).
 */
export type StatementMatch = 'sid' | 'content';

/** A statement added, removed or changed between two versions of one document. */
export type StatementChange =
  | { readonly kind: 'statement-added'; readonly index: number; readonly sid?: string; readonly statement: PolicyStatement }
  | { readonly kind: 'statement-removed'; readonly index: number; readonly sid?: string; readonly statement: PolicyStatement }
  | {
      readonly kind: 'statement-changed';
      readonly oldIndex: number;
      readonly newIndex: number;
      readonly sid?: string;
      readonly matchedBy: StatementMatch;
      readonly elements: readonly ElementChange[];
    };

/** The statement-level difference of two documents; empty lists mean equal. */
export interface DocumentDiff {
  readonly statements: readonly StatementChange[];
  /** The `Version` element, when it changed. */
  readonly version?: { readonly old?: string; readonly new?: string };
}

/** Actions of one service and access level. */
export interface AccessGroup {
  readonly service: string;
  readonly level: AccessLevelName;
  readonly actions: readonly string[];
}

/** A finding as the diff names it. */
export interface FindingRef {
  readonly id: string;
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly principal?: string;
  readonly resource?: string;
}

/** One step of an escalation path, as the diff names it. */
export interface PathStepRef {
  readonly from: string;
  readonly to: string;
  readonly method: string;
}

/** One change between the two snapshots. */
export type Change =
  // principals (and groups)
  | {
      readonly kind: 'principal-added' | 'principal-removed';
      readonly section: 'principals';
      readonly principalKind: IdentityKind;
      readonly arn: string;
      readonly id: string;
      /** Groups (users), attached managed policies and inline policy names it has (had). */
      readonly groups: readonly string[];
      readonly attachedPolicies: readonly string[];
      readonly inlinePolicies: readonly string[];
      /** Number of actions it may (might) perform, when effective access was compared. */
      readonly actionCount?: number;
    }
  | {
      readonly kind: 'principal-recreated';
      readonly section: 'principals';
      readonly principalKind: IdentityKind;
      readonly arn: string;
      readonly oldId: string;
      readonly newId: string;
    }
  // policies
  | {
      readonly kind: 'policy-added' | 'policy-removed';
      readonly section: 'policies';
      readonly arn: string;
      readonly name: string;
      readonly awsManaged: boolean;
      readonly statementCount: number;
    }
  | { readonly kind: 'policy-recreated'; readonly section: 'policies'; readonly arn: string; readonly oldId: string; readonly newId: string }
  | {
      readonly kind: 'default-version-changed';
      readonly section: 'policies';
      readonly arn: string;
      readonly name: string;
      readonly oldVersionId?: string;
      readonly newVersionId?: string;
    }
  | {
      readonly kind: 'inline-policy-added' | 'inline-policy-removed';
      readonly section: 'policies';
      readonly policy: PolicyRef & { readonly kind: 'inline' };
      readonly statementCount: number;
    }
  | {
      readonly kind: 'organization-policy-added' | 'organization-policy-removed';
      readonly section: 'policies';
      readonly policy: PolicyRef & { readonly kind: 'scp' | 'rcp' };
      readonly statementCount: number;
    }
  | {
      readonly kind: 'resource-policy-added' | 'resource-policy-removed';
      readonly section: 'policies';
      readonly policy: PolicyRef & { readonly kind: 'resource' };
      readonly statementCount: number;
    }
  | {
      readonly kind: 'policy-document-changed';
      readonly section: 'policies';
      readonly policy: PolicyRef;
      readonly diff: DocumentDiff;
    }
  // attachments
  | {
      readonly kind: 'policy-attached' | 'policy-detached';
      readonly section: 'attachments';
      readonly principal: string;
      readonly principalKind: IdentityKind;
      readonly policyArn: string;
      readonly policyName: string;
    }
  // memberships
  | { readonly kind: 'membership-added' | 'membership-removed'; readonly section: 'memberships'; readonly user: string; readonly group: string }
  // trust
  | {
      readonly kind: 'trust-policy-changed';
      readonly section: 'trust';
      readonly role: string;
      /** Principals any Allow statement names in the new trust policy and none named before, and the reverse. */
      readonly principalsAdded: readonly FlatPrincipal[];
      readonly principalsRemoved: readonly FlatPrincipal[];
      readonly diff: DocumentDiff;
    }
  // boundaries
  | { readonly kind: 'boundary-set'; readonly section: 'boundaries'; readonly principal: string; readonly new: string }
  | { readonly kind: 'boundary-removed'; readonly section: 'boundaries'; readonly principal: string; readonly old: string }
  | { readonly kind: 'boundary-changed'; readonly section: 'boundaries'; readonly principal: string; readonly old: string; readonly new: string }
  // tags
  | {
      readonly kind: 'tags-changed';
      readonly section: 'tags';
      readonly arn: string;
      readonly added: readonly Tag[];
      readonly removed: readonly Tag[];
      readonly changed: readonly { readonly key: string; readonly old: string; readonly new: string }[];
    }
  // effective access
  | {
      readonly kind: 'access-changed';
      readonly section: 'access';
      readonly principal: string;
      readonly principalKind: 'user' | 'role';
      readonly oldActionCount: number;
      readonly newActionCount: number;
      readonly gained: readonly AccessGroup[];
      readonly lost: readonly AccessGroup[];
    }
  // findings and escalation paths
  | { readonly kind: 'finding-new' | 'finding-resolved'; readonly section: 'findings'; readonly finding: FindingRef }
  | {
      readonly kind: 'escalation-path-new' | 'escalation-path-resolved';
      readonly section: 'findings';
      readonly principal: string;
      readonly conditional: boolean;
      readonly steps: readonly PathStepRef[];
    }
  | {
      readonly kind: 'escalation-path-changed';
      readonly section: 'findings';
      readonly principal: string;
      readonly oldSteps: readonly PathStepRef[];
      readonly newSteps: readonly PathStepRef[];
      readonly conditional: boolean;
    };

/** Every kind of change. */
export type ChangeKind = Change['kind'];

/** Whether an optional part of the comparison ran. */
export type PartStatus =
  | { readonly kind: 'compared' }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/** One side of the comparison, as the diff names it. */
export interface DiffSide {
  readonly collectedAt?: string;
  readonly users: number;
  readonly groups: number;
  readonly roles: number;
  readonly policies: number;
}

/** The comparison of two snapshots of one account. */
export interface SnapshotDiff {
  readonly account: { readonly id: string; readonly partition: string };
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** Changes in section order, then by subject ARN, then kind: deterministic. */
  readonly changes: readonly Change[];
  /** Number of changes per section (every section listed). */
  readonly counts: Readonly<Record<DiffSection, number>>;
  /** Whether effective access, findings and escalation paths were compared. */
  readonly parts: {
    readonly access: PartStatus;
    readonly findings: PartStatus;
    readonly escalation: PartStatus;
  };
}

/** The result of `diffSnapshots`: the diff, or why the two snapshots cannot be compared. */
export type DiffResult =
  | { readonly kind: 'ok'; readonly diff: SnapshotDiff }
  | { readonly kind: 'error'; readonly id: 'diff.account.mismatch' | 'diff.account.unknown'; readonly message: string };

/**
 * Triage decisions of a finding (the same values as the app's database). `accepted-risk` and
 * `false-positive` are judgements about the finding; `fixed` and `open` describe one snapshot.
 */
export type TriageStatus = 'open' | 'accepted-risk' | 'false-positive' | 'fixed';

/** One triage decision about one finding of one snapshot. */
export interface TriageDecision {
  readonly findingId: string;
  readonly status: TriageStatus;
  /** Why: the auditor's justification. */
  readonly justification: string;
  readonly updatedAt?: string;
  /** When this decision was carried from an earlier snapshot: the id the finding had there. */
  readonly carriedFrom?: string;
}
