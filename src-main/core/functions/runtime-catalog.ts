/** Which kind of runtime client runs a function. */
export type RuntimeFamily = 'nodejs' | 'python' | 'provided';

/** What the engine knows about one Lambda runtime identifier. */
export interface RuntimeInfo {
  readonly id: string;
  readonly family: RuntimeFamily;
  /** Language version the runtime ships (`20` for nodejs20.x, `3.12` for python3.12); none for provided. */
  readonly languageVersion?: string;
}

const SUPPORTED: readonly RuntimeInfo[] = [
  ...['18', '20', '22', '24'].map((v) => ({
    id: `nodejs${v}.x`,
    family: 'nodejs' as const,
    languageVersion: v,
  })),
  ...['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'].map((v) => ({
    id: `python${v}`,
    family: 'python' as const,
    languageVersion: v,
  })),
  { id: 'provided.al2023', family: 'provided' },
  { id: 'provided.al2', family: 'provided' },
];

/** Runtimes AWS retired long ago: creating or updating a function with them fails with AWS's deprecation wording. */
export const DEPRECATED_RUNTIMES: readonly string[] = [
  'nodejs',
  'provided',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'java8',
  'go1.x',
];

/** Runtimes Lambda has that the local engine cannot run natively (JVM, .NET, Ruby). */
export const UNSUPPORTED_LOCAL_RUNTIMES: readonly string[] = [
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.3',
  'ruby3.4',
];

/** Every runtime id Lambda's API accepts as an enum value (for validation messages). */
export const ALL_RUNTIME_IDS: readonly string[] = [
  ...DEPRECATED_RUNTIMES,
  ...SUPPORTED.map((r) => r.id),
  ...UNSUPPORTED_LOCAL_RUNTIMES,
];

/** Looks up a runtime the local engine can run; `undefined` when it cannot. */
export function findRuntime(id: string): RuntimeInfo | undefined {
  return SUPPORTED.find((r) => r.id === id);
}

/** Every runtime the local engine can run. */
export function supportedRuntimes(): readonly RuntimeInfo[] {
  return SUPPORTED;
}
