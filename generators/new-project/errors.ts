/**
 * Why `widl-bindgen new` refused to start. Raised before any file is written, so a refused run leaves the
 * disk as it was; the CLI prints the message and exits with 2 (wrong usage).
 */
export class NewProjectError extends Error {
  override readonly name = "NewProjectError";
}

/** A step that failed after files were written (a failed install or first build); the CLI exits with 1. */
export class NewProjectStepError extends Error {
  override readonly name = "NewProjectStepError";
  constructor(
    readonly step: string,
    message: string,
    /** What the failed command printed, for the user to read. */
    readonly output: string,
    /** What to do about it, when the output says (e.g. a package the registry does not have). */
    readonly hint?: string,
  ) {
    super(message);
  }
}
