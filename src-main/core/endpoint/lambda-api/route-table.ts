import type { EndpointRequest, EndpointResponse } from '../endpoint-types';

/** One restJson1 operation: method, path pattern (named groups are URL-decoded params) and handler. */
export interface Route {
  readonly operation: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (
    request: EndpointRequest,
    params: Record<string, string>,
  ) => Promise<EndpointResponse>;
}

/** Builds a path pattern from `/2015-03-31/functions/{FunctionName}/...`; older models' trailing slash is accepted too. */
export function path(template: string): RegExp {
  const source = template.replace(/\{(\w+)\}/g, (_m, name: string) => `(?<${name}>[^/]+)`);
  return new RegExp(`^${source}/?$`);
}

/** Finds the route for a request and its decoded path parameters. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  rawPath: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {}))
      params[key] = decodeURIComponent(value);
    return { route, params };
  }
  return undefined;
}
