/**
 * Directives and the annotations they govern: a directive names valid locations and existing
 * required directives; an annotation whose directive is defined must sit at one of its locations,
 * have the annotations it requires, and pass arguments the directive declares, of the right type.
 * Annotations without a directive definition are free-form (as in widl-js) and not checked.
 */
import type * as ast from "../ast.js";
import { DIRECTIVE_LOCATIONS } from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import { type ValidationContext, where } from "./context.js";
import { valueMismatch, valueText } from "./value-check.js";
import { type AnnotatedSite, forEachAnnotated } from "./walk.js";

const locations: ReadonlySet<string> = new Set(DIRECTIVE_LOCATIONS);
const listLocations = DIRECTIVE_LOCATIONS.join(", ");

/** `ENUM_VALUE` → `enum value`. */
const words = (location: string) => location.toLowerCase().replace(/_/g, " ");

/** Reports bad directive definitions and annotations that break their directive. */
export function checkDirectives(ctx: ValidationContext): void {
  for (const def of ctx.definitions) {
    if (def.kind !== "DirectiveDefinition") continue;
    for (const l of def.locations) {
      if (!locations.has(l.value)) {
        ctx.error(l.loc, DiagnosticCodes.unknownDirectiveLocation, `unknown directive location "${l.value}" (valid: ${listLocations})`);
      }
    }
    for (const r of def.requires) {
      if (!ctx.directives.has(r.directive.value)) {
        ctx.error(r.directive.loc, DiagnosticCodes.unknownRequiredDirective, `directive "@${def.name.value}" requires unknown directive "@${r.directive.value}"`);
      }
      for (const l of r.locations) {
        if (l.value !== "SELF" && !locations.has(l.value)) {
          ctx.error(l.loc, DiagnosticCodes.unknownDirectiveLocation, `unknown directive location "${l.value}" (valid: SELF, ${listLocations})`);
        }
      }
    }
  }
  // The annotations on the namespace and on the interface blocks, which `require … on NAMESPACE`
  // and `… on INTERFACE` look at from anywhere: gathered once, not once per annotation.
  const top: TopAnnotations = { namespace: new Set(), interfaces: new Set() };
  for (const def of ctx.definitions) {
    if (def.kind === "NamespaceDefinition" && top.namespace.size === 0) for (const a of def.annotations) top.namespace.add(a.name.value);
    if (def.kind === "InterfaceDefinition") for (const a of def.annotations) top.interfaces.add(a.name.value);
  }
  forEachAnnotated(ctx.definitions, (site) => {
    if (site.node.annotations.length === 0) return;
    const own = new Set(site.node.annotations.map((a) => a.name.value));
    for (const annotation of site.node.annotations) {
      checkArgumentNames(ctx, annotation);
      const directive = ctx.directives.get(annotation.name.value);
      if (!directive) continue;
      checkPlacement(ctx, annotation, directive, site, own, top);
      checkArguments(ctx, annotation, directive);
    }
  });
}

/** Annotation names on the first namespace and on any interface block. */
interface TopAnnotations {
  readonly namespace: Set<string>;
  readonly interfaces: Set<string>;
}

/** A directive's locations and parameters by name, built once per directive. */
interface DirectiveIndex {
  readonly locations: ReadonlySet<string>;
  readonly parameters: ReadonlyMap<string, ast.ParameterDefinition>;
}

const indexes = new WeakMap<ast.DirectiveDefinition, DirectiveIndex>();

/** Keeps each annotation's checks independent of how long its directive's lists are. */
function indexOf(directive: ast.DirectiveDefinition): DirectiveIndex {
  let index = indexes.get(directive);
  if (index === undefined) {
    const parameters = new Map<string, ast.ParameterDefinition>();
    for (const p of directive.parameters) if (!parameters.has(p.name.value)) parameters.set(p.name.value, p);
    index = { locations: new Set(directive.locations.map((l) => l.value)), parameters };
    indexes.set(directive, index);
  }
  return index;
}

function checkArgumentNames(ctx: ValidationContext, annotation: ast.Annotation): void {
  const seen = new Map<string, ast.SourceLocation>();
  for (const arg of annotation.arguments) {
    const first = seen.get(arg.name.value);
    if (first) {
      ctx.error(arg.name.loc, DiagnosticCodes.duplicateAnnotationArgument, `duplicate argument "${arg.name.value}" in annotation "@${annotation.name.value}"`, [`first given at ${where(first)}`]);
    } else seen.set(arg.name.value, arg.name.loc);
  }
}

function checkPlacement(
  ctx: ValidationContext,
  annotation: ast.Annotation,
  directive: ast.DirectiveDefinition,
  site: AnnotatedSite,
  own: ReadonlySet<string>,
  top: TopAnnotations,
): void {
  const name = annotation.name.value;
  if (!indexOf(directive).locations.has(site.location)) {
    const allowed = directive.locations.map((l) => words(l.value)).join(", ");
    ctx.error(annotation.loc, DiagnosticCodes.annotationLocation, `annotation "@${name}" is not allowed on ${article(words(site.location))}; directive "@${name}" allows: ${allowed}`);
    return;
  }
  for (const req of directive.requires) {
    const wanted = req.directive.value;
    const has = (nodes: ReadonlyArray<ast.Documented | undefined>) => nodes.some((n) => n?.annotations.some((a) => a.name.value === wanted));
    const satisfied = req.locations.some((l) => {
      if (l.value === "SELF") return own.has(wanted);
      if (l.value === "NAMESPACE") return top.namespace.has(wanted);
      if (l.value === "INTERFACE" && site.location !== "INTERFACE") return top.interfaces.has(wanted);
      return has(site.ancestors.filter((a) => a.location === l.value).map((a) => a.node));
    });
    if (!satisfied) {
      const at = req.locations.map((l) => (l.value === "SELF" ? "the same node" : `the enclosing ${words(l.value)}`)).join(" or ");
      ctx.error(annotation.loc, DiagnosticCodes.annotationRequires, `annotation "@${name}" requires "@${wanted}" on ${at}`);
    }
  }
}

function checkArguments(ctx: ValidationContext, annotation: ast.Annotation, directive: ast.DirectiveDefinition): void {
  const name = annotation.name.value;
  const { parameters } = indexOf(directive);
  const given = new Set<string>();
  for (const arg of annotation.arguments) {
    given.add(arg.name.value);
    const param = parameters.get(arg.name.value);
    if (!param) {
      const known = directive.parameters.map((p) => p.name.value).join(", ") || "none";
      ctx.error(arg.loc, DiagnosticCodes.annotationArgument, `annotation "@${name}" has no parameter "${arg.name.value}" (parameters: ${known})`);
      continue;
    }
    const reason = valueMismatch(ctx, arg.value, param.type);
    if (reason) ctx.error(arg.value.loc, DiagnosticCodes.annotationArgument, `argument ${valueText(arg.value)} of "@${name}" ${reason}`);
  }
  for (const p of directive.parameters) {
    const required = p.type.kind !== "OptionalType" && p.default === undefined;
    if (required && !given.has(p.name.value)) {
      ctx.error(annotation.loc, DiagnosticCodes.annotationArgument, `annotation "@${name}" is missing argument "${p.name.value}"`);
    }
  }
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
