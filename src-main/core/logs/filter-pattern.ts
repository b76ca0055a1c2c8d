import { FilterPatternError, INVALID_FILTER_PATTERN } from './filter/filter-error';
import { compileDelimitedPattern } from './filter/filter-delimited';
import { compileJsonPattern } from './filter/filter-json';
import { compileRegex } from './filter/filter-values';
import { compileTermsPattern } from './filter/filter-terms';

export { FilterPatternError, INVALID_FILTER_PATTERN };

/** Whether one log message matches a compiled filter pattern. */
export type LogMatcher = (message: string) => boolean;

/**
 * Compiles a CloudWatch Logs filter pattern (FilterAndPatternSyntax.html): terms and quoted
 * phrases with `?`/`-` prefixes, `{ JSON expressions }`, `[space, delimited, columns]` and a
 * standalone `%regex%`. Empty or absent matches everything. Throws FilterPatternError when
 * malformed.
 */
export function compileFilterPattern(pattern: string | undefined): LogMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) {
    // AWS's own wording for this case (jorgebastida/awslogs#210).
    if (!text.endsWith('}')) {
      throw new FilterPatternError("If a filter pattern starts with '{' it must end with '}'");
    }
    return compileJsonPattern(text.slice(1, -1));
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new FilterPatternError("a '[' pattern must end with ']'");
    return compileDelimitedPattern(text.slice(1, -1));
  }
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    const regex = compileRegex(text.slice(1, -1));
    return (message) => regex.test(message);
  }
  return compileTermsPattern(text);
}
