/**
 * An alias must expand to a finite type: `alias A = B` with `alias B = [A]` never ends. Each group
 * of aliases that refer to one another (a strongly connected component of the "mentions" graph) is
 * reported once, at its alias that comes first in the source, with one cycle through it.
 *
 * Linear in the number of aliases and the references between them, and iterative: a chain of
 * thousands of aliases is an ordinary input, not a reason to exhaust the call stack.
 */
import type * as ast from "../ast.js";
import { DiagnosticCodes, describeChain } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";
import { forEachNestedType } from "./walk.js";

/** Reports every group of aliases that expand to themselves. */
export function checkAliasCycles(ctx: ValidationContext): void {
  // Nodes are the aliases that own their name (a duplicate is reported elsewhere), in source order.
  const aliases: ast.AliasDefinition[] = [];
  const index = new Map<ast.AliasDefinition, number>();
  for (const def of ctx.definitions) {
    if (def.kind === "AliasDefinition" && ctx.types.get(def.name.value) === def) {
      index.set(def, aliases.length);
      aliases.push(def);
    }
  }
  const edges = aliases.map((alias) => {
    const targets: number[] = [];
    forEachNestedType(alias.type, (t) => {
      if (t.kind !== "NamedType") return;
      const target = ctx.types.get(t.name.value);
      // An imported alias is checked in its own file; an import cannot lead back here (that would
      // be an import cycle).
      const at = target?.kind === "AliasDefinition" ? index.get(target) : undefined;
      if (at !== undefined) targets.push(at);
    });
    return targets;
  });
  for (const component of cyclicComponents(edges)) {
    const first = component.reduce((a, b) => Math.min(a, b));
    const path = cycleThrough(first, edges, new Set(component)).map((i) => aliases[i]!.name.value);
    const alias = aliases[first]!;
    ctx.error(alias.name.loc, DiagnosticCodes.aliasCycle, `alias "${alias.name.value}" refers to itself: ${describeChain(path.length, (i) => path[i]!)}`);
  }
}

/**
 * The strongly connected components that contain a cycle (more than one node, or a node that
 * refers to itself): Tarjan's algorithm, with an explicit stack instead of recursion.
 */
function cyclicComponents(edges: readonly (readonly number[])[]): number[][] {
  const n = edges.length;
  const order = new Int32Array(n).fill(-1); // discovery index, -1 = unvisited
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  // Each frame: a node and how many of its edges have been followed.
  const frames: Array<[node: number, next: number]> = [];
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    frames.push([root, 0]);
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [node, next] = frame;
      if (next < edges[node]!.length) {
        frame[1]++;
        const target = edges[node]![next]!;
        if (order[target] === -1) {
          order[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = 1;
          frames.push([target, 0]);
        } else if (onStack[target]) low[node] = Math.min(low[node]!, order[target]!);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] !== order[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges[node]!.includes(node)) components.push(component);
    }
  }
  return components;
}

/** A shortest cycle from `start` back to itself inside `members` (breadth-first), as node indexes. */
function cycleThrough(start: number, edges: readonly (readonly number[])[], members: ReadonlySet<number>): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of edges[node]!) {
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.push(at);
        path.push(start);
        // Built backwards from the end; the first and last entries are both `start`.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!members.has(target) || parent.has(target)) continue;
      parent.set(target, node);
      queue.push(target);
    }
  }
  return [start, start]; // unreachable: every member of a cyclic component lies on a cycle through it
}
