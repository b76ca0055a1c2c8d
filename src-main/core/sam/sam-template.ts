import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCfnTemplate } from './cfn-yaml';
import { FUNCTION_TYPES, readFunction } from './function-reader';
import { IntrinsicResolver } from './intrinsics';
import { SamTemplateError } from './template-error';
import type { ReadSamTemplateOptions, SamFunction, SamTemplate } from './types';
import { isRecord, recordOf } from './values';

export type { ReadSamTemplateOptions, SamFunction, SamTemplate } from './types';

// Same order as `sam local invoke`: a built template (code bundled, layers built) wins over the source one.
const TEMPLATE_CANDIDATES = [
  join('.aws-sam', 'build', 'template.yaml'),
  'template.yaml',
  'template.yml',
  'template.json',
];

/** Finds a SAM template in a folder, like `sam local invoke` (`.aws-sam/build/template.yaml` first, then template.yaml / template.yml / template.json); undefined when none. */
export function findSamTemplate(
  dir: string,
  options: { includeBuild?: boolean } = {},
): string | undefined {
  const candidates =
    options.includeBuild === false ? TEMPLATE_CANDIDATES.slice(1) : TEMPLATE_CANDIDATES;
  for (const candidate of candidates) {
    const path = resolve(dir, candidate);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SamTemplateError(`Cannot read template ${path}: ${reason}`, path);
  }
}

/** Reads a SAM/CloudFormation template (YAML or JSON) and returns its functions, ready for the engine. */
export function readSamTemplate(
  templatePath: string,
  options: ReadSamTemplateOptions = {},
): SamTemplate {
  const path = resolve(templatePath);
  const parsed = parseCfnTemplate(readText(path), path);
  const template = parsed.value;
  if (!isRecord(template)) {
    throw new SamTemplateError(`Template ${path} is not a mapping of template sections`, path);
  }
  const resources = template['Resources'];
  if (!isRecord(resources) || Object.keys(resources).length === 0) {
    throw new SamTemplateError(
      `Template ${path} has no Resources section; a SAM template declares its functions under Resources`,
      path,
    );
  }
  const warnings = parsed.warnings.map((warning) => `${path} ${warning}`);
  const resolver = new IntrinsicResolver(
    {
      parameters: recordOf(template['Parameters']),
      mappings: recordOf(template['Mappings']),
      conditions: recordOf(template['Conditions']),
      resources,
    },
    options,
  );
  for (const name of Object.keys(options.parameterOverrides ?? {})) {
    if (!name.startsWith('AWS::') && !(name in recordOf(template['Parameters']))) {
      warnings.push(`parameter override ${name} matches no parameter of the template`);
    }
  }
  const ctx = {
    dir: dirname(path),
    resolver,
    resources,
    globals: recordOf(template['Globals'])['Function'],
  };
  const functions: SamFunction[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue;
    const type = String(resource['Type']);
    if (type === 'AWS::Serverless::Application') {
      warnings.push(`nested application ${logicalId} is not read; its functions are not available`);
    }
    if (!FUNCTION_TYPES.has(type)) continue;
    const result = readFunction(logicalId, resource, ctx);
    if ('fn' in result) functions.push(result.fn);
    else warnings.push(result.skipped);
  }
  return { path, functions, warnings };
}
