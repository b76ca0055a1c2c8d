/**
 * Resolves `_HANDLER` to a function the way the Node RIC does: directory prefix, module, nested
 * property path; CommonJS or ES module depending on the extension and the nearest package.json.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HandlerNotFound,
  ImportModuleError,
  MalformedHandlerName,
  UserCodeSyntaxError,
} from './errors.mjs';

// Anchored on index.mjs so a failed require's "Require stack" ends with the bootstrap, as on AWS.
const require = createRequire(new URL('./index.mjs', import.meta.url));
const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;

function requireIfExists(file) {
  return fs.existsSync(file) ? require(file) : undefined;
}

async function importIfExists(file) {
  // A file URL, not a bare path, so Windows drive letters work too.
  return fs.existsSync(file) ? await import(pathToFileURL(file).href) : undefined;
}

// Nearest package.json decides whether `.js` is an ES module; node_modules and the root stop the walk.
function isTypeModule(folder) {
  if (path.basename(folder) === 'node_modules') return false;
  const manifest = path.join(folder, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      return JSON.parse(fs.readFileSync(manifest, 'utf8'))?.type === 'module';
    } catch (err) {
      console.warn(
        `${manifest} cannot be read, it will be ignored for ES module detection purposes.`,
        err,
      );
      return false;
    }
  }
  const parent = path.dirname(folder);
  return parent === folder ? false : isTypeModule(parent);
}

// Node 24 strips TypeScript types natively, so the RIC also tries .ts, .mts and .cts there.
const SUPPORTS_TYPESCRIPT = Number(process.versions.node.split('.')[0]) >= 24;

async function loadTypeScript(base, typeModule) {
  if (!SUPPORTS_TYPESCRIPT) return undefined;
  return (
    (typeModule ? await importIfExists(base + '.ts') : requireIfExists(base + '.ts')) ||
    (await importIfExists(base + '.mts')) ||
    requireIfExists(base + '.cts')
  );
}

async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  const extensionless = requireIfExists(base);
  if (extensionless) return extensionless;

  const typeModule = isTypeModule(path.dirname(base));
  if (!typeModule) {
    const commonJs = requireIfExists(base + '.js');
    if (commonJs) return commonJs;
  }
  const loaded =
    (typeModule && (await importIfExists(base + '.js'))) ||
    (await importIfExists(base + '.mjs')) ||
    requireIfExists(base + '.cjs') ||
    (await loadTypeScript(base, typeModule));
  if (loaded) return loaded;

  // Last resort: Node resolution from the task root (node_modules, NODE_PATH and so on).
  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

async function loadUserApp(appRoot, moduleRoot, moduleName) {
  try {
    return await loadModule(appRoot, moduleRoot, moduleName);
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserCodeSyntaxError(err);
    if (err?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(err);
    throw err; // ESM resolution errors (ERR_MODULE_NOT_FOUND) and user throws keep their own type.
  }
}

/** Loads the module named by `handler` (relative to `appRoot`) and returns the handler function. */
export async function loadHandler(appRoot, handler) {
  if (handler.includes('..')) {
    throw new MalformedHandlerName(
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndPath = path.basename(handler);
  const moduleRoot = handler.substring(0, handler.indexOf(moduleAndPath));
  const match = FUNCTION_EXPR.exec(moduleAndPath);
  if (!match) throw new MalformedHandlerName('Bad handler');

  const userApp = await loadUserApp(appRoot, moduleRoot, match[1]);
  const fn = match[2].split('.').reduce((object, key) => object && object[key], userApp);
  if (!fn) throw new HandlerNotFound(`${handler} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${handler} is not a function`);
  return fn;
}
