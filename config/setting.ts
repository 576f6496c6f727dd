import type { Profile } from './profiles.js';
import type { ValueType } from './value-types.js';

/** One row of the settings table. */
export interface Setting<T> {
  readonly type: ValueType<T>;
  readonly description: string;
  /** The value when the setting is not given. */
  readonly default?: T;
  /** The value when neither the setting nor `default` is given. */
  readonly profileDefault?: (profile: Profile) => T;
  /** Shown in the Default column instead of `default`, for values that are computed. */
  readonly defaultText?: string;
  /** Never echoed in errors; collected into `Config.secrets` so the logger can redact it. */
  readonly secret?: boolean;
}

// T comes from the value type alone, so a default of the wrong type (say, a
// log level that is not one) does not compile.
export function setting<T>(
  definition: Omit<Setting<T>, 'default'> & { default?: NoInfer<T>; profileDefault?: (profile: Profile) => NoInfer<T> },
): Setting<T> {
  return definition;
}

