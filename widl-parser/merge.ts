/**
 * Helpers over a parsed document that downstream stages need more than once. The AST keeps the
 * source's shape (several `interface` blocks stay several nodes); these give the merged view.
 */
import type { Document, InterfaceDefinition, OperationDefinition } from "./ast.js";

/** The operations of every `interface` block, in source order: the one interface a schema defines. */
export function interfaceOperations(document: Pick<Document, "definitions">): OperationDefinition[] {
  const operations: OperationDefinition[] = [];
  for (const def of document.definitions) {
    // Not `push(...def.operations)`: a spread of a very large block overflows the stack.
    if (def.kind === "InterfaceDefinition" && !def.imported) for (const op of def.operations) operations.push(op);
  }
  return operations;
}

/**
 * All `interface` blocks merged into one node: operations and annotations concatenated, the first
 * block's description and location. Undefined when the document has no interface.
 */
export function mergedInterface(document: Pick<Document, "definitions">): InterfaceDefinition | undefined {
  const blocks = document.definitions.filter(
    (d): d is InterfaceDefinition => d.kind === "InterfaceDefinition" && !d.imported,
  );
  const first = blocks[0];
  if (!first) return undefined;
  const description = blocks.find((b) => b.description)?.description;
  return {
    kind: "InterfaceDefinition",
    operations: blocks.flatMap((b) => b.operations),
    annotations: blocks.flatMap((b) => b.annotations),
    ...(description ? { description } : {}),
    loc: first.loc,
  };
}
