// The request context that conditions and policy variables read. Plain types; imports nothing.

/** A context value: single-valued keys hold a string, multi-valued keys (`aws:TagKeys`) a list. */
export type ContextValue = string | readonly string[];

/** Read access to a request's context; key lookup is case-insensitive, as AWS's condition keys are. */
export interface RequestContext {
  /** The value of `key`, or undefined when the request does not carry it. */
  get(key: string): ContextValue | undefined;
  /**
   * A number that changes whenever a value of the context changes; absent when the context may
   * change without notice. Readers may reuse what they derived from an unchanged context.
   */
  readonly revision?: number;
}
