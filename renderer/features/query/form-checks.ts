// Checks of the query forms' fields, as messages with `backticked` input. Pure; imports nothing.

/** What is wrong with an action name, or undefined. */
export function actionProblem(action: string): string | undefined {
  const a = action.trim();
  if (!a) return 'enter an action, e.g. `s3:GetObject`';
  return /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(a) ? undefined : `\`${a}\`: expected \`service:Action\` (e.g. \`s3:GetObject\`)`;
}

/** What is wrong with a resource, or undefined. */
export function resourceProblem(resource: string): string | undefined {
  const r = resource.trim();
  if (!r) return 'enter a resource ARN, or `*`';
  return r === '*' || r.startsWith('arn:') ? undefined : `\`${r}\`: expected an ARN (\`arn:aws:…\`) or \`*\``;
}
