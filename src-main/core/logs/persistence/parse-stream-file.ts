import type { LogEvent } from '../log-store-types';
import { isLogEvent, isStreamHeader, type StreamHeader } from './log-files';

/** What a stream file held, and what was wrong with it. */
export interface ParsedStreamFile {
  readonly header?: StreamHeader;
  readonly events: LogEvent[];
  /** A last line cut short by an interrupted write (dropped). */
  readonly tornLast: boolean;
  /** 1-based numbers of lines elsewhere that were not valid (dropped). */
  readonly badLines: number[];
  /** Whether the file ends with a newline (else the next append must not follow at once). */
  readonly endsClean: boolean;
  /** Event lines in the file, valid or not (to decide on compaction). */
  readonly lineCount: number;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Parses a JSON Lines stream file. A last line without its newline is kept if it parses (the write
 * finished but for the newline) and reported as torn otherwise; bad lines elsewhere are skipped.
 */
export function parseStreamFile(text: string): ParsedStreamFile {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const events: LogEvent[] = [];
  const badLines: number[] = [];
  let header: StreamHeader | undefined;
  let tornLast = false;
  const all = last === '' ? lines : [...lines, last];
  all.forEach((line, index) => {
    if (line.trim() === '') return;
    const value = parseLine(line);
    const isLast = last !== '' && index === all.length - 1;
    if (index === 0 && isStreamHeader(value)) header = value;
    else if (isLogEvent(value)) events.push(value);
    else if (isLast) tornLast = true;
    else badLines.push(index + 1);
  });
  return {
    header,
    events,
    tornLast,
    badLines,
    endsClean: last === '',
    lineCount: all.length - (header ? 1 : 0),
  };
}
