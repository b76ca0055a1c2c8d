export { readSamTemplate, findSamTemplate } from './sam-template';
export { readEnvFile } from './env-file';
export { SamTemplateError } from './template-error';
export type { SamFunction, SamTemplate, ReadSamTemplateOptions } from './types';
