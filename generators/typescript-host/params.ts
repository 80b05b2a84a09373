/** Method parameters as the `typescript-host` files print them. */

/** One parameter: its TS name and type, whether a caller may leave it out, and its default initializer. */
export interface ParamView {
  readonly name: string;
  readonly type: string;
  /** `name?: T`: the caller may leave it out, and nothing replaces it (a trailing optional parameter). */
  readonly optional: boolean;
  /** `name: T = default`: the WIDL default as a TS expression, applied before the arguments are encoded. */
  readonly initializer?: string;
}

/** A parameter for ts-morph: `name?: T` when it may be left out, `name: T = default` when it has a default. */
export function parameterStructure(p: ParamView): { name: string; type: string; hasQuestionToken: boolean; initializer?: string } {
  return p.initializer === undefined
    ? { name: p.name, type: p.type, hasQuestionToken: p.optional }
    : { name: p.name, type: p.type, hasQuestionToken: false, initializer: p.initializer };
}
