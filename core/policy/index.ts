// Policy grammar: normalise, validate, match actions and ARNs, substitute policy variables.
export * from './normalize';
export * from './pattern';
export * from './variables';
export * from './arn';
export * from './validate';
