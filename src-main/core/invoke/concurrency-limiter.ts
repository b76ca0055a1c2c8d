import { LambdaError } from '../errors/lambda-error';

/** Lambda's default regional concurrency limit. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;

/** Counts concurrent executions per function and account; refuses what Lambda would throttle. */
export class ConcurrencyLimiter {
  private readonly running = new Map<string, number>();
  private unreservedRunning = 0;

  constructor(private readonly accountLimit = DEFAULT_ACCOUNT_CONCURRENCY) {}

  /**
   * Claims one execution slot or throws TooManyRequestsException with Lambda's Reason.
   * `reserved` is the function's reserved concurrency; `totalReserved` the sum over all functions.
   */
  acquire(functionName: string, reserved: number | undefined, totalReserved: number): void {
    const current = this.running.get(functionName) ?? 0;
    if (reserved !== undefined) {
      if (current >= reserved) throw throttle('ReservedFunctionConcurrentInvocationLimitExceeded');
    } else if (this.unreservedRunning >= this.accountLimit - totalReserved) {
      throw throttle('ConcurrentInvocationLimitExceeded');
    }
    this.running.set(functionName, current + 1);
    if (reserved === undefined) this.unreservedRunning += 1;
  }

  /** Gives a slot back. */
  release(functionName: string, reserved: number | undefined): void {
    const current = this.running.get(functionName) ?? 0;
    if (current <= 1) this.running.delete(functionName);
    else this.running.set(functionName, current - 1);
    if (reserved === undefined) this.unreservedRunning = Math.max(0, this.unreservedRunning - 1);
  }

  /** Executions running now for one function. */
  runningFor(functionName: string): number {
    return this.running.get(functionName) ?? 0;
  }

  /** The account-wide limit. */
  get limit(): number {
    return this.accountLimit;
  }
}

/**
 * Reserved concurrency must leave at least 100 of the account limit unreserved (reference 7.7);
 * reserving 0 (throttle everything) takes nothing away and is always allowed.
 */
export function assertUnreservedMinimum(limit: number, otherReserved: number, value: number): void {
  if (value > 0 && limit - otherReserved - value < 100) {
    throw new LambdaError(
      'InvalidParameterValueException',
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
  }
}

/** Lambda's throttling error: 429 `Rate Exceeded.` with a Reason (fidelity reference 6.1). */
export function throttle(reason: string): LambdaError {
  return new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, {
    Reason: reason,
    Type: 'User',
  });
}
