/** A SAM/CloudFormation template that cannot be read at all; the message always names the file. */
export class SamTemplateError extends Error {
  /** Absolute path of the template (or folder) the error is about. */
  readonly filePath: string;

  constructor(message: string, filePath: string) {
    super(message);
    this.name = 'SamTemplateError';
    this.filePath = filePath;
  }
}
