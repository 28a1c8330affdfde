// Rule snapshot.collection.incomplete: what the bundle says could not be collected, and a
// credential report that cannot be read. Pure: imports only core/model and core/analyze.
import type { Finding, Rule } from '../../model/finding';
import { reportOf } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'snapshot.collection.incomplete',
  title: 'Part of the account was not collected',
  severity: 'info',
  description:
    "The bundle's `warnings` say that something could not be collected (a denied call, a region not reachable), the import warned about the input (a truncated page, a policy version that could not be read), or the credential report cannot be parsed: rules that need that part are silent about it.",
  remediation:
    'Pull again with the read-only policy of docs/read-only-policy.json, or add the missing parts.',
  docs: [],
  run(ctx) {
    const out: Finding[] = ctx.snapshot.collectionWarnings.map((w, i) =>
      makeFinding(rule, {
        title: `not collected: ${w}`,
        discriminator: `${i}:${w}`,
        values: [['warning', w]],
      }),
    );
    // Import warnings (a truncated page, a policy version that could not be read) are capped so
    // that a broken input does not drown the report; the last finding says how many were left out.
    const MAX = 200;
    ctx.importWarnings.slice(0, MAX).forEach((d, i) => {
      const where = d.path ? `${d.path}: ` : '';
      out.push(
        makeFinding(rule, {
          title: `import warning: ${where}${d.message}`,
          discriminator: `import:${i}:${d.id}:${d.path}`,
          values: [
            ['diagnostic', d.id],
            ['path', d.path],
          ],
        }),
      );
    });
    if (ctx.importWarnings.length > MAX) {
      out.push(
        makeFinding(rule, {
          title: `${ctx.importWarnings.length - MAX} more import warnings not listed`,
          discriminator: 'import:more',
        }),
      );
    }
    const report = reportOf(ctx.snapshot);
    if (report?.kind === 'error') {
      out.push(
        makeFinding(rule, {
          title: `credential report not readable: ${report.message}`,
          discriminator: 'credentialReport',
          values: [['warning', report.message]],
        }),
      );
    }
    return out;
  },
};
