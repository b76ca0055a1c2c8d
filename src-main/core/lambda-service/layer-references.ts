import { LambdaError } from '../errors/lambda-error';

/** New layer references must exist (deleted versions stay usable by functions that had them). */
export function checkLayerReferences(
  available: ((arn: string) => boolean) | undefined,
  layers: readonly string[],
  current: readonly string[],
): void {
  const names = new Map<string, string>();
  for (const arn of layers) {
    const layerName = arn.replace(/:\d+$/, '');
    const other = names.get(layerName);
    if (other) {
      throw new LambdaError(
        'InvalidParameterValueException',
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${other} and ${arn} are versions of the same layer.`,
      );
    }
    names.set(layerName, arn);
    if (!current.includes(arn) && !(available?.(arn) ?? false)) {
      throw new LambdaError(
        'InvalidParameterValueException',
        `Layer version ${arn} does not exist.`,
      );
    }
  }
}
