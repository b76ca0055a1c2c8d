/** Every request channel between the renderer and main, `area:verb` (architecture-style.md section 5). */
export const CHANNELS = {
  accountsList: 'accounts:list',
  functionsList: 'functions:list',
  functionsGet: 'functions:get',
  invokeRun: 'invoke:run',
} as const;

/** A request channel name. */
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
