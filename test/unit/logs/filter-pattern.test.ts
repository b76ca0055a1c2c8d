import { describe, expect, it } from 'vitest';
import {
  compileFilterPattern,
  FilterPatternError,
} from '../../../src-main/core/logs/filter-pattern';

/** Which of `messages` the pattern matches. */
function matching(pattern: string | undefined, messages: string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return messages.filter((m) => matches(m));
}

// The examples of "Using filter patterns to match terms in unstructured log events" (AWS docs).
const DOCS = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
];

describe('empty patterns', () => {
  it('match everything, as does a quoted blank', () => {
    expect(matching(undefined, DOCS)).toEqual(DOCS);
    expect(matching('', DOCS)).toEqual(DOCS);
    expect(matching('   ', DOCS)).toEqual(DOCS);
    expect(matching('" "', [...DOCS, 'nospace'])).toEqual([...DOCS, 'nospace']);
  });
});

describe('terms', () => {
  it('match case-sensitively, as substrings', () => {
    expect(matching('ERROR', [...DOCS, 'error', 'ERRORNEOUS PROGRAM', 'NotFoundError'])).toEqual([
      ...DOCS,
      'ERRORNEOUS PROGRAM',
    ]);
  });

  it('must all match', () => {
    expect(matching('ERROR ARGUMENTS', DOCS)).toEqual(DOCS.slice(2));
    expect(matching('ARGUMENT ERROR', DOCS)).toEqual(DOCS.slice(2));
  });

  it('match any ?term', () => {
    expect(matching('?BAD ?INVALID', DOCS)).toEqual([DOCS[0], DOCS[3]]);
    expect(
      matching('?"clean up" ?xyz', ['map clean up', 'xyz', 'abc xy yz xz', 'map is cleaned up']),
    ).toEqual(['map clean up', 'xyz']);
  });

  it('ignore ?terms next to plain terms, as AWS does', () => {
    expect(matching('ERROR ?BAD', DOCS)).toEqual(DOCS);
  });

  it('exclude -terms and -"phrases"', () => {
    expect(matching('ERROR -ARGUMENTS', DOCS)).toEqual(DOCS.slice(0, 2));
    expect(matching('-"BAD REQUEST"', DOCS)).toEqual(DOCS.slice(1));
    expect(matching('?BAD ?MISSING -400', DOCS)).toEqual([DOCS[2]]);
  });

  it('match quoted phrases exactly, with \\" and \\\\ escapes', () => {
    expect(
      matching('"INTERNAL SERVER ERROR"', ['[ERROR 500] INTERNAL SERVER ERROR', 'INTERNAL ERROR']),
    ).toEqual(['[ERROR 500] INTERNAL SERVER ERROR']);
    expect(matching('"ERROR][grpc"', ['x [ERROR][grpc] failed', '[ERROR] [grpc]'])).toEqual([
      'x [ERROR][grpc] failed',
    ]);
    expect(matching('"say \\"hi\\""', ['they say "hi"', 'say hi'])).toEqual(['they say "hi"']);
    expect(matching('"a\\\\b"', ['a\\b', 'ab'])).toEqual(['a\\b']);
  });

  it.each(['a,b', 'user@example.com', '"open', '"a"b', '-', '?', 'x=1'])('reject %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});

describe('JSON patterns', () => {
  const EVENT = JSON.stringify({
    eventType: 'UpdateTrail',
    sourceIPAddress: '123.123.5.6',
    latency: 250,
    code: '503',
    ratio: 0.5,
    error: true,
    ok: false,
    cause: null,
    user: { id: 2, name: 'Ana' },
    users: [{ email: 'John.Doe@example.com' }],
    actions: ['GET', 'PUT', 'DELETE'],
  });
  const test = (pattern: string, message = EVENT) => compileFilterPattern(pattern)(message);

  it('compare strings with = and !=, quoted or not, with * wildcards', () => {
    expect(test('{ $.eventType = "UpdateTrail" }')).toBe(true);
    expect(test('{ $.eventType = UpdateTrail }')).toBe(true);
    expect(test('{$.eventType="UpdateTrail"}')).toBe(true);
    expect(test('{ $.eventType != "UpdateTrail" }')).toBe(false);
    expect(test('{ $.eventType = "updatetrail" }')).toBe(false);
    expect(test('{ $.eventType = Update* }')).toBe(true);
    expect(test('{ $.eventType = *Trail }')).toBe(true);
    expect(test('{ $.sourceIPAddress != 123.123.* }')).toBe(false);
    expect(test('{ $.sourceIPAddress != 10.0.* }')).toBe(true);
  });

  it('compare numbers, including numeric strings', () => {
    expect(test('{ $.latency > 200 }')).toBe(true);
    expect(test('{ $.latency >= 250 }')).toBe(true);
    expect(test('{ $.latency < 250 }')).toBe(false);
    expect(test('{ $.latency <= 250 }')).toBe(true);
    expect(test('{ $.latency = 250 }')).toBe(true);
    expect(test('{ $.latency != 250 }')).toBe(false);
    expect(test('{ $.ratio = 5e-1 }')).toBe(true);
    expect(test('{ $.code >= 500 }')).toBe(true);
    expect(test('{ $.eventType > 5 }')).toBe(false);
  });

  it('select nested properties and array elements', () => {
    expect(test('{ $.user.id = 2 }')).toBe(true);
    expect(test('{ $.users[0].email = "John.Doe@example.com" }')).toBe(true);
    expect(test('{ $.actions[2] = "DELETE" }')).toBe(true);
    expect(test('{ $.actions[3] = "DELETE" }')).toBe(false);
    expect(test('{ $.user.missing.deeper = 1 }')).toBe(false);
  });

  it('combine with && and || (&& binds tighter) and parentheses', () => {
    expect(
      test(
        '{ ($.user.id = 2 && $.users[0].email = "John.Doe@example.com") || $.actions[2] = "GET" }',
      ),
    ).toBe(true);
    expect(test('{ $.user.id = 3 && $.latency > 1 || $.error IS TRUE }')).toBe(true);
    expect(test('{ $.user.id = 3 && ($.latency > 1 || $.error IS TRUE) }')).toBe(false);
  });

  it('test IS TRUE / IS FALSE / IS NULL / NOT EXISTS and = * (exists)', () => {
    expect(test('{ $.error IS TRUE }')).toBe(true);
    expect(test('{ $.ok IS FALSE }')).toBe(true);
    expect(test('{ $.ok IS TRUE }')).toBe(false);
    expect(test('{ $.cause IS NULL }')).toBe(true);
    expect(test('{ $.missing IS NULL }')).toBe(false);
    expect(test('{ $.missing NOT EXISTS }')).toBe(true);
    expect(test('{ $.cause NOT EXISTS }')).toBe(false);
    expect(test('{ $.user = * }')).toBe(true);
    expect(test('{ $.missing = * }')).toBe(false);
  });

  it('match regular expressions between %', () => {
    expect(test('{ $.eventType = %^Update% }')).toBe(true);
    expect(test('{ $.eventType != %^Update% }')).toBe(false);
    expect(test('{ $.sourceIPAddress = %123\\.123\\.[0-9]+\\.6% }')).toBe(true);
  });

  it('never match messages that are not JSON objects', () => {
    expect(test('{ $.level = "ERROR" }', 'level=ERROR')).toBe(false);
    expect(
      test('{ $.level = "ERROR" }', '2025-01-01T00:00:00Z\tid\tERROR\t{"level":"ERROR"}'),
    ).toBe(false);
    expect(test('{ $.level = "ERROR" }', '{"level":"ERROR"}\n')).toBe(true);
  });

  it.each([
    '{ $.a = 1',
    '{ }',
    '{ a = 1 }',
    '{ $.a < "x" }',
    '{ $.a = }',
    '{ ($.a = 1 }',
    '{ $.a = 1 && }',
    '{ $.a IS MAYBE }',
    '{ $.a = %(x)% }',
    '{ $.a = %x% && $.b = %y% && $.c = %z% }',
  ])('reject %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });

  it("uses AWS's wording when a '{' pattern does not end with '}'", () => {
    expect(() => compileFilterPattern('{ $.a = 1')).toThrow(
      "If a filter pattern starts with '{' it must end with '}'",
    );
  });
});

describe('space-delimited patterns', () => {
  const APACHE = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 1534',
    '10.0.0.9 - - [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 500 20',
  ];

  it('bind named columns; [..] and ".." hold spaces', () => {
    expect(
      matching('[ip, user, username, timestamp, request, status_code, bytes]', APACHE),
    ).toEqual(APACHE);
    expect(
      matching(
        '[ip, user, username, timestamp, request = "*html*", status_code = 4*, bytes]',
        APACHE,
      ),
    ).toEqual([APACHE[1]]);
    expect(
      matching('[ip, user, username, timestamp = "10/Oct/2000:13:25:15 -0700", ...]', APACHE),
    ).toEqual([APACHE[0]]);
  });

  it('need as many fields as columns unless ... soaks up the rest', () => {
    expect(matching('[a, b]', APACHE)).toEqual([]);
    expect(matching('[ip, ...]', APACHE)).toEqual(APACHE);
    expect(matching('[..., status_code >= 400, bytes > 1000]', APACHE)).toEqual([APACHE[1]]);
    expect(matching('[ip = 10.*, ..., bytes]', APACHE)).toEqual([APACHE[2]]);
    expect(matching('[w1=ERROR, w2]', ['ERROR timeout', 'ERROR too many words', 'WARN x'])).toEqual(
      ['ERROR timeout'],
    );
  });

  it('combine conditions with && and ||', () => {
    expect(matching('[ip, ..., status_code = 200 || status_code = 500, bytes]', APACHE)).toEqual([
      APACHE[0],
      APACHE[2],
    ]);
    expect(matching('[ip, ..., status_code >= 400 && bytes < 100, bytes]', APACHE)).toEqual([
      APACHE[2],
    ]);
    expect(matching('[ip, ..., status_code != 404, bytes]', APACHE)).toEqual([
      APACHE[0],
      APACHE[2],
    ]);
  });

  it('match regular expressions in columns', () => {
    expect(matching('[ip = %^127%, ...]', APACHE)).toEqual(APACHE.slice(0, 2));
  });

  it.each([
    '[a, ..., ...]',
    '[a, b = ]',
    '[a = 1, b',
    '[a, b = 1 && c = 2]',
    '[a b]',
    '[, a]',
    '[a < "x"]',
  ])('reject %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});

describe('standalone regular expressions', () => {
  it('match anywhere in the message', () => {
    expect(matching('%ERROR 4[01][0-9]%', DOCS)).toEqual(DOCS.slice(0, 3));
    expect(matching('%^\\[ERROR 42%', DOCS)).toEqual([DOCS[3]]);
    expect(matching('%[Ee]rror|[Ff]ail%', ['an error', 'Failed', 'ok'])).toEqual([
      'an error',
      'Failed',
    ]);
  });

  it.each(['%(a|b)%', '%something!%', '%é%', '%[a%'])('reject %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});
