/**
 * The types of host-role implementations that may answer with Promises. Generated stubs declare each role once,
 * synchronously (`interface Host { greeting(name: string): string }`), as the synchronous class needs it; where
 * the guest can wait for the host (a pool, or `loadAsync` on the interpreter), the stubs accept `AsyncHostRoles`
 * of the same interfaces instead of a second copy of every role.
 */

/**
 * A role whose every method may return its result or a Promise of it: `greeting(name: string): string` becomes
 * `greeting(name: string): string | Promise<string>`. Parameters keep their names and optionality. A synchronous
 * implementation is one too.
 */
export type AsyncRole<Role> = {
  [Method in keyof Role]: Role[Method] extends (...args: infer Args) => infer Result
    ? (...args: Args) => Result | Promise<Result>
    : Role[Method];
};

/**
 * The `<Class>HostRoles` object of a generated stub, each role an `AsyncRole`: what `<Class>.pool` and
 * `<Class>.loadAsync` take as `roles`. A role left out stays optional.
 */
export type AsyncHostRoles<Roles> = { [Name in keyof Roles]: AsyncRole<Roles[Name]> };
