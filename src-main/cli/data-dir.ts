import os from 'node:os';
import path from 'node:path';

/** The per-user app data folder, where Electron's `userData` would be for "Lambda Workbench". */
export function defaultDataDir(): string {
  if (process.env.LAMBDA_WORKBENCH_DATA_DIR) return process.env.LAMBDA_WORKBENCH_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Lambda Workbench');
  if (process.platform === 'win32') {
    return path.join(
      process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'),
      'Lambda Workbench',
    );
  }
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'lambda-workbench');
}
