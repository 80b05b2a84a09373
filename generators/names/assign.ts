/**
 * Decides, once per model, the identifier every WIDL name has in each target language, and stores it on the
 * model element as `id` (`{ ts, as, rust }`), so no generator converts or escapes a name itself and no two
 * generators can disagree. Wire names (`name`) are never touched.
 *
 * Scopes follow what the languages see: types, roles and args structs share the module's scope; fields are
 * per struct, enum members per enum, union members per union, methods per interface or role, parameters per
 * operation. Within a scope, names already in the target case are claimed first, then the converted ones, each
 * in schema order; a clash takes a counter (scope.ts). docs/codegen.md states the rules.
 */
import type { Model, OperationDef, RoleDef } from "../model.js";
import { assemblyscriptRules } from "./assemblyscript.js";
import type { LanguageRules, NameKind, TargetLanguage } from "./kinds.js";
import { rustRules } from "./rust.js";
import { claimAll, NameScope } from "./scope.js";
import { typescriptRules } from "./typescript.js";

const RULES: Readonly<Record<TargetLanguage, LanguageRules>> = { ts: typescriptRules, as: assemblyscriptRules, rust: rustRules };

/**
 * The names the TS target derives from its class name (`<Class>LoadOptions`…). The class takes the namespace's
 * name unless that or a derived name is taken; then `Client` is appended, then a counter.
 */
export const CLASS_NAME_SUFFIXES = [
  "LoadOptions",
  "Exports",
  "Pool",
  "PoolOptions",
  "Async",
  "LoadAsyncOptions",
  "Guest",
  "HostRoles",
] as const;

/** Anything named in the model: it gets an `id`. */
interface Named {
  readonly name: string;
}

/** Where an identifier goes: a role has its type name in `id` and its TS `…HostRoles` property in `property`. */
type Slot = "id" | "property";
type Setter = (item: Named, id: string, slot?: Slot) => void;

/** Sets `id` on every named element of the model (and `property` on roles), for every target language. */
export function assignIdentifiers(model: Model): void {
  const ids = new Map<Named, Partial<Record<Slot, Partial<Record<TargetLanguage, string>>>>>();
  for (const language of Object.keys(RULES) as TargetLanguage[]) {
    const set: Setter = (item, id, slot = "id") => {
      const entry = ids.get(item) ?? {};
      (entry[slot] ??= {})[language] = id;
      ids.set(item, entry);
    };
    new LanguageAssigner(model, RULES[language], set).run();
  }
  for (const [item, slots] of ids) Object.assign(item, slots);
}

class LanguageAssigner {
  constructor(
    private readonly model: Model,
    private readonly rules: LanguageRules,
    private readonly set: Setter,
  ) {}

  private scope(kind: NameKind): NameScope {
    const rules = this.rules;
    return new NameScope(
      (candidate) => rules.legalize(kind, candidate),
      (base) => (rules.snake(kind) || /[0-9]$/.test(base) ? "_" : ""),
    );
  }

  /** Claims names for `items` in `scope` as `kind`, and records them. */
  private claim(scope: NameScope, kind: NameKind, items: readonly Named[], slot: Slot = "id"): string[] {
    const claimed = claimAll(scope, items, (i) => this.rules.convert(kind, i.name), (i) => i.name);
    items.forEach((item, i) => this.set(item, claimed[i]!, slot));
    return claimed;
  }

  run(): void {
    const { model } = this;
    const types = this.scope("type");
    this.claim(types, "type", [...model.types, ...model.roles]);
    this.claimArgsStructs(types, model.interface.operations, undefined);
    for (const role of model.roles) this.claimArgsStructs(types, role.operations, role);
    this.claimClassName(types);

    for (const def of model.types) {
      if (def.kind === "struct") this.claim(this.scope("field"), "field", def.fields);
      else if (def.kind === "enum") this.claim(this.scope("enumMember"), "enumMember", def.values);
      else if (def.kind === "union") this.claim(this.scope("unionMember"), "unionMember", def.members);
    }
    const shared = this.rules.operationsShareScope ? this.scope("method") : undefined;
    this.operations(model.interface.operations, shared);
    for (const role of model.roles) this.operations(role.operations, shared);
    this.claim(this.scope("roleProperty"), "roleProperty", model.roles, "property");
  }

  /** An args struct is named `<Op>Args` by the model; a role's are prefixed with the role (`HostGreetArgs`). */
  private claimArgsStructs(types: NameScope, ops: readonly OperationDef[], role: RoleDef | undefined): void {
    const structs = ops.flatMap((op) => (op.argsStruct === undefined ? [] : [op.argsStruct]));
    const prefix = role === undefined ? "" : this.rules.convert("type", role.name);
    for (const s of structs) this.set(s, types.claim(prefix + this.rules.convert("type", s.name)));
  }

  private claimClassName(types: NameScope): void {
    const ns = this.model.namespace;
    const base = this.rules.convert("type", ns.name.replace(/^[^A-Za-z0-9_]+/, "")).replace(/^_+$/, "") || "Guest";
    const free = (c: string): boolean =>
      [c, ...CLASS_NAME_SUFFIXES.map((s) => c + s)].every((n) => this.rules.legalize("type", n) === n && !types.has(n));
    let name = [base, `${base}Client`].find(free);
    for (let n = 2; name === undefined; n++) if (free(`${base}Client${n}`)) name = `${base}Client${n}`;
    types.reserve(name, ...CLASS_NAME_SUFFIXES.map((s) => name + s));
    this.set(ns, name);
  }

  /** Methods per owner, parameters per operation; an args struct's fields are its operation's parameters. */
  private operations(ops: readonly OperationDef[], methods = this.scope("method")): void {
    this.claim(methods, "method", ops);
    for (const op of ops) {
      const params = this.claim(this.scope("param"), "param", op.params);
      op.argsStruct?.fields.forEach((f, i) => this.set(f, params[i]!));
    }
  }
}
