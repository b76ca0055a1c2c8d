import type { Account } from '../contract/accounts';
import type { LambdaAccount } from '../core/accounts/lambda-account';
import type { Handlers } from './router';

/** An account the app can reach, with its SDK-backed access. */
export interface RegisteredAccount {
  readonly account: Account;
  readonly lambda: LambdaAccount;
}

/** The handlers over the registered accounts (Local now; AWS profiles with issue 5). */
export function createHandlers(accounts: readonly RegisteredAccount[]): Handlers {
  const find = (id: string): RegisteredAccount => {
    const found = accounts.find((a) => a.account.id === id);
    if (!found)
      throw Object.assign(new Error(`No account with id ${id}`), { name: 'AccountNotFound' });
    return found;
  };
  return {
    'accounts:list': async () => accounts.map((a) => a.account),
    'functions:list': async (req) => find(req.accountId).lambda.listFunctions(req.region),
    'functions:get': async (req) =>
      find(req.accountId).lambda.getFunction(req.region, req.name, req.qualifier),
    'invoke:run': async (req) =>
      find(req.accountId).lambda.invoke(req.region, {
        functionName: req.functionName,
        qualifier: req.qualifier,
        payload: req.payload,
        invocationType: req.invocationType,
      }),
  };
}
