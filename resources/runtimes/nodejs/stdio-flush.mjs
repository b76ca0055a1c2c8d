/**
 * Waits for raw stdout/stderr output to leave the process before a result is posted.
 *
 * Console records go to the telemetry fd synchronously, but `process.stdout.write` to a pipe is
 * asynchronous in Node: after a burst, hundreds of KB can still sit in the stream's buffer when
 * the handler returns. Posting only once those bytes are in the pipe keeps the handler's output
 * ahead of the response, so the engine can log it before END. The common case (nothing
 * buffered) costs two property reads.
 */

let stdout;
let stderr;

function flushStream(stream, done) {
  if (stream.writableLength === 0 || stream.destroyed) done();
  // An empty write completes only after every earlier chunk has been handed to the OS.
  else stream.write('', () => done());
}

/** Calls `fn` once stdout and stderr have no buffered bytes left (at once if they have none). */
export function whenStdioFlushed(fn) {
  stdout ??= process.stdout;
  stderr ??= process.stderr;
  if (stdout.writableLength === 0 && stderr.writableLength === 0) {
    fn();
    return;
  }
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) fn();
  };
  flushStream(stdout, done);
  flushStream(stderr, done);
}
