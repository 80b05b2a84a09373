/**
 * Traversals the passes share, so each pass states its rule and not how to reach the nodes.
 */
import type * as ast from "../ast.js";

/** Where a type reference appears; `owner` names the enclosing member for messages. */
export type TypeUse =
  | { readonly kind: "field"; readonly owner: ast.TypeDefinition; readonly member: ast.FieldDefinition }
  | { readonly kind: "parameter"; readonly owner: ast.OperationDefinition | ast.DirectiveDefinition; readonly member: ast.ParameterDefinition }
  | { readonly kind: "return"; readonly owner: ast.OperationDefinition }
  | { readonly kind: "alias"; readonly owner: ast.AliasDefinition }
  | { readonly kind: "union"; readonly owner: ast.UnionDefinition };

/** Calls `fn` for every top-level type reference (not the types nested inside it). */
export function forEachTypeRef(definitions: readonly ast.Definition[], fn: (ref: ast.TypeRef, use: TypeUse, definition: ast.Definition) => void): void {
  for (const def of definitions) {
    switch (def.kind) {
      case "TypeDefinition":
        for (const member of def.fields) fn(member.type, { kind: "field", owner: def, member }, def);
        break;
      case "InterfaceDefinition":
      case "RoleDefinition":
        for (const op of def.operations) {
          for (const member of op.parameters) fn(member.type, { kind: "parameter", owner: op, member }, def);
          fn(op.returnType, { kind: "return", owner: op }, def);
        }
        break;
      case "DirectiveDefinition":
        for (const member of def.parameters) fn(member.type, { kind: "parameter", owner: def, member }, def);
        break;
      case "AliasDefinition":
        fn(def.type, { kind: "alias", owner: def }, def);
        break;
      case "UnionDefinition":
        for (const member of def.members) fn(member, { kind: "union", owner: def }, def);
        break;
    }
  }
}

/** Calls `fn` for `ref` and every type nested in it, outermost first. */
export function forEachNestedType(ref: ast.TypeRef, fn: (t: ast.TypeRef) => void): void {
  fn(ref);
  switch (ref.kind) {
    case "ListType":
    case "OptionalType":
      forEachNestedType(ref.type, fn);
      break;
    case "MapType":
      forEachNestedType(ref.keyType, fn);
      forEachNestedType(ref.valueType, fn);
      break;
  }
}

/** A node that can carry annotations, with the directive location it counts as and its enclosing nodes. */
export interface AnnotatedSite {
  readonly node: ast.Documented & { readonly loc: ast.SourceLocation };
  readonly location: ast.DirectiveLocation;
  /** Enclosing nodes by directive location, innermost last (e.g. INTERFACE, OPERATION for a parameter). */
  readonly ancestors: ReadonlyArray<{ readonly location: ast.DirectiveLocation; readonly node: ast.Documented }>;
}

/** Calls `fn` for every node that may carry annotations. Directive definitions carry none. */
export function forEachAnnotated(definitions: readonly ast.Definition[], fn: (site: AnnotatedSite) => void): void {
  for (const def of definitions) {
    switch (def.kind) {
      case "NamespaceDefinition":
        fn({ node: def, location: "NAMESPACE", ancestors: [] });
        break;
      case "InterfaceDefinition":
      case "RoleDefinition": {
        const location = def.kind === "InterfaceDefinition" ? "INTERFACE" : "ROLE";
        fn({ node: def, location, ancestors: [] });
        for (const op of def.operations) {
          const opAncestors = [{ location, node: def }] as const;
          fn({ node: op, location: "OPERATION", ancestors: opAncestors });
          for (const p of op.parameters) {
            fn({ node: p, location: "PARAMETER", ancestors: [...opAncestors, { location: "OPERATION", node: op }] });
          }
        }
        break;
      }
      case "TypeDefinition":
        fn({ node: def, location: "TYPE", ancestors: [] });
        for (const f of def.fields) fn({ node: f, location: "FIELD", ancestors: [{ location: "TYPE", node: def }] });
        break;
      case "EnumDefinition":
        fn({ node: def, location: "ENUM", ancestors: [] });
        for (const v of def.values) fn({ node: v, location: "ENUM_VALUE", ancestors: [{ location: "ENUM", node: def }] });
        break;
      case "UnionDefinition":
        fn({ node: def, location: "UNION", ancestors: [] });
        break;
      case "AliasDefinition":
        fn({ node: def, location: "ALIAS", ancestors: [] });
        break;
    }
  }
}
