/**
 * Wire descriptors for a schema read at run time, for `invoke --schema` and `serve --schema`.
 *
 * STOPGAP: the model owner plans `descriptorFromModel` in `widl-bindgen/generators` (see host-runtime/wire/types.ts).
 * Until it lands this file maps the model to the wire codec's descriptors; the checking itself is the wire codec's
 * (`OperationCodec.argsFromJson`), not ours. Replace the body of `operationCodecs` with the model's function then.
 */
import type { Model, OperationDef, TypeExpr } from "../../generators/model.js";
import { OperationCodec } from "../wire/operation.js";
import * as wire from "../wire/types.js";

/** One `OperationCodec` per interface operation, by WIDL name. */
export function operationCodecs(model: Model): Map<string, OperationCodec> {
  const named = new Map<string, wire.WireType>();

  const toWire = (t: TypeExpr): wire.WireType => {
    switch (t.kind) {
      case "scalar":
        return wire[t.name];
      case "string":
        return wire.string;
      case "bytes":
        return wire.bytes;
      case "datetime":
        return wire.datetime;
      case "raw":
        return wire.raw;
      case "any":
        return wire.any;
      case "list":
        return wire.list(toWire(t.item));
      case "map":
        return wire.map(toWire(t.key), toWire(t.value));
      case "optional":
        return wire.optional(toWire(t.inner));
      case "alias":
        return toWire(t.def.resolved);
      case "enum": {
        let e = named.get(t.name);
        if (e === undefined) {
          e = wire.enumeration(t.name, t.def.values.map((v) => v.value));
          named.set(t.name, e);
        }
        return e;
      }
      case "struct": {
        let s = named.get(t.name);
        if (s === undefined) {
          const def = t.def;
          // Fields resolve lazily (a thunk), so recursive types terminate.
          s = wire.struct(t.name, () => def.fields.map((f) => [f.name, toWire(f.type)] as const));
          named.set(t.name, s);
        }
        return s;
      }
      case "union": {
        let u = named.get(t.name);
        if (u === undefined) {
          const def = t.def;
          u = wire.union(t.name, () => def.members.map((m) => [m.name, toWire(m.type)] as const));
          named.set(t.name, u);
        }
        return u;
      }
    }
  };

  const codecOf = (op: OperationDef) =>
    new OperationCodec(
      op.name,
      op.wire,
      op.params.map((p) => [p.name, toWire(p.type)] as const),
      op.returnType.kind === "void" ? undefined : toWire(op.returnType),
    );

  return new Map(model.interface.operations.map((op) => [op.name, codecOf(op)]));
}
