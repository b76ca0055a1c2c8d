import { checkExists, layerContent } from './code-location';
import type { CodeContext } from './code-location';
import { NO_VALUE, recordOf } from './values';
import type { PlainRecord } from './values';

const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

// sam-cli silently ignores this pseudo layer: the local environment already is Amazon Linux 2018.03.
const IGNORED_LAYER = 'arn:aws:lambda:::awslayer:AmazonLinux1803';

/** Whether a resource is a layer version defined in the template. */
export function isLayerResource(resource: unknown): boolean {
  return LAYER_TYPES.has(String(recordOf(resource)['Type']));
}

/** Local path of one layer defined in the template, or undefined (with a warning) when its content is not local. */
function localLayer(
  logicalId: string,
  resources: PlainRecord,
  ctx: CodeContext,
): string | undefined {
  const location = layerContent(recordOf(resources[logicalId]), ctx);
  if ('problem' in location) {
    ctx.warnings.push(`layer ${logicalId} is skipped: ${location.problem}`);
    return undefined;
  }
  checkExists(location.path, `layer ${logicalId} content`, ctx.warnings);
  return location.path;
}

// Locally a Ref to a layer resource is followed to its content, so its "logical id" warning is noise.
const LAYER_REF_WARNING =
  /!Ref \S+ \(AWS::(Serverless|Lambda)::LayerVersion\) resolves to its logical id/;

/**
 * Resolves a function's `Layers` to local paths, in order: Refs to layer resources in the same template
 * become their content folders; ARNs of published layers are skipped with a warning.
 */
export function resolveLayers(raw: unknown, resources: PlainRecord, ctx: CodeContext): string[] {
  const own: string[] = [];
  const resolved = ctx.resolver.resolve(raw, own, 'Layers');
  ctx.warnings.push(...own.filter((warning) => !LAYER_REF_WARNING.test(warning)));
  if (resolved === undefined || resolved === NO_VALUE) return [];
  const items = Array.isArray(resolved) ? resolved : [resolved];
  const paths: string[] = [];
  for (const value of items) {
    if (typeof value === 'string' && isLayerResource(resources[value])) {
      const path = localLayer(value, resources, ctx);
      if (path) paths.push(path);
    } else if (value === IGNORED_LAYER) {
      // Nothing to do: see IGNORED_LAYER.
    } else if (typeof value === 'string' && value.startsWith('arn:')) {
      ctx.warnings.push(`layer ${value} is remote and is skipped locally`);
    } else {
      ctx.warnings.push(
        `Layers: ${JSON.stringify(value)} is not a layer of this template; skipped`,
      );
    }
  }
  return paths;
}
