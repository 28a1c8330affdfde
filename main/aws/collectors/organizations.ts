// Organizations collector: the organisation, the account's path from the root, and the SCPs and RCPs
// attached at each level with their documents. Node-only; never imports electron.
import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListRootsCommand,
  paginateListPoliciesForTarget,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { errorCode } from '../errors';
import { parsePolicyText, sendOptions, type Collector, type OrganizationLevel } from '../collector';

/** A bound on the path length: Organizations allows five levels of OUs under the root. */
const MAX_DEPTH = 10;

/** The organisation and its SCPs/RCPs along the account's path; absent when not in an organisation. */
export const organizationsCollector: Collector = {
  id: 'organizations',
  service: 'organizations',
  optional: true,
  scope: 'global',
  deniedHint: 'SCPs and RCPs are readable from the management account or a delegated administrator',
  async collect(ctx) {
    const client = ctx.factory.client('organizations', ctx.homeRegion);
    let organization;
    try {
      organization = (await client.send(new DescribeOrganizationCommand({}), sendOptions(ctx))).Organization;
    } catch (error) {
      if (errorCode(error) === 'AWSOrganizationsNotInUseException') return 0;
      throw error;
    }
    if (!organization?.Id) return 0;
    // "Inheritance for service control policies" (Organizations User Guide): every level from the root
    // down to the account must allow; so collect the root, each OU, and the account itself.
    const ids: { id: string; type: string }[] = [{ id: ctx.accountId, type: 'ACCOUNT' }];
    let child = ctx.accountId;
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      const parents = await client.send(new ListParentsCommand({ ChildId: child }), sendOptions(ctx));
      const parent = parents.Parents?.[0];
      if (!parent?.Id) break;
      ids.unshift({ id: parent.Id, type: parent.Type ?? '' });
      if (parent.Type === 'ROOT') break;
      child = parent.Id;
    }
    const rootName = new Map<string, string>();
    if (ids[0]?.type === 'ROOT') {
      const roots = await client.send(new ListRootsCommand({}), sendOptions(ctx));
      for (const root of roots.Roots ?? []) if (root.Id) rootName.set(root.Id, root.Name ?? 'Root');
    }
    const documents = new Map<string, unknown>();
    async function policiesAt(target: string, filter: PolicyType): Promise<OrganizationLevel['scps']> {
      const result: OrganizationLevel['scps'] = [];
      try {
        await collectPolicies(target, filter, result);
      } catch (error) {
        // A policy type that is not enabled in the organisation has nothing attached.
        if (errorCode(error) !== 'PolicyTypeNotEnabledException') throw error;
      }
      return result;
    }
    async function collectPolicies(
      target: string,
      filter: PolicyType,
      result: OrganizationLevel['scps'],
    ): Promise<void> {
      for await (const page of paginateListPoliciesForTarget(
        { client },
        { TargetId: target, Filter: filter },
        sendOptions(ctx),
      )) {
        for (const summary of page.Policies ?? []) {
          const id = summary.Id ?? '';
          if (!documents.has(id)) {
            const described = await client.send(
              new DescribePolicyCommand({ PolicyId: id }),
              sendOptions(ctx),
            );
            documents.set(id, parsePolicyText(described.Policy?.Content));
          }
          result.push({ name: summary.Name ?? id, id, document: documents.get(id) });
        }
      }
    }
    const path: OrganizationLevel[] = [];
    for (const level of ids) {
      let name: string;
      if (level.type === 'ROOT') name = rootName.get(level.id) ?? 'Root';
      else if (level.type === 'ORGANIZATIONAL_UNIT') {
        const ou = await client.send(
          new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: level.id }),
          sendOptions(ctx),
        );
        name = ou.OrganizationalUnit?.Name ?? level.id;
      } else {
        const account = await client.send(
          new DescribeAccountCommand({ AccountId: level.id }),
          sendOptions(ctx),
        );
        name = account.Account?.Name ?? level.id;
      }
      const scps = await policiesAt(level.id, 'SERVICE_CONTROL_POLICY');
      const rcps = await policiesAt(level.id, 'RESOURCE_CONTROL_POLICY');
      path.push({ id: level.id, name, scps, rcps });
    }
    ctx.bundle.organization = {
      id: organization.Id,
      managementAccountId: organization.MasterAccountId ?? '',
      path,
    };
    return path.length;
  },
};
