/**
 * Every problem found in the configuration, one sentence each, so an operator
 * can fix them all in one go instead of one restart per mistake.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: string[];

  constructor(issues: readonly string[]) {
    super(issues.join('\n'));
    this.issues = [...issues];
  }
}
