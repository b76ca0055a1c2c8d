/**
 * A malformed filter pattern. The Logs API answers it with InvalidParameterException
 * "Invalid filter pattern", AWS's wording (aws/aws-toolkit-jetbrains#3219, TylerBrock/saw#49).
 */
export class FilterPatternError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'FilterPatternError';
  }
}

/** The message AWS answers for any pattern it cannot parse. */
export const INVALID_FILTER_PATTERN = 'Invalid filter pattern';
