/**
 * The node constructors the builders (./ast-builders.ts) use: one class per node kind, whose instances have
 * exactly the own properties of the AST's interfaces (./ast.ts), in the same order, and nothing else.
 *
 * Why classes and not object literals: V8 watches each object literal in the code, and once most objects made by
 * one survive a young-generation collection it allocates that literal's objects in the old generation from then on
 * (allocation-site pretenuring). A tree under construction survives, so a repeated parse (a watch loop, a
 * language server, bench/parse.ts) could switch to old-generation allocation, where each tree becomes garbage
 * that only full collections reclaim: the same parse then took 1.2× or 2× the grammar with no-op actions by the
 * luck of that decision. Objects made by `new` are never pretenured.
 */
import type * as ast from "./ast.js";

export class DocumentNode implements ast.Document {
  readonly kind = "Document";
  readonly file: ast.Document["file"];
  readonly definitions: ast.Document["definitions"];
  readonly loc: ast.Document["loc"];
  constructor(file: ast.Document["file"], definitions: ast.Document["definitions"], loc: ast.Document["loc"]) {
    this.file = file;
    this.definitions = definitions;
    this.loc = loc;
  }
}

export class NameNode implements ast.Name {
  readonly kind = "Name";
  readonly value: ast.Name["value"];
  readonly loc: ast.Name["loc"];
  constructor(value: ast.Name["value"], loc: ast.Name["loc"]) {
    this.value = value;
    this.loc = loc;
  }
}

export class NamespaceDefinitionNode implements ast.NamespaceDefinition {
  readonly kind = "NamespaceDefinition";
  readonly name: ast.NamespaceDefinition["name"];
  readonly description: ast.NamespaceDefinition["description"];
  readonly annotations: ast.NamespaceDefinition["annotations"];
  readonly loc: ast.NamespaceDefinition["loc"];
  constructor(name: ast.NamespaceDefinition["name"], description: ast.NamespaceDefinition["description"], annotations: ast.NamespaceDefinition["annotations"], loc: ast.NamespaceDefinition["loc"]) {
    this.name = name;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class ImportDefinitionNode implements ast.ImportDefinition {
  readonly kind = "ImportDefinition";
  readonly all: ast.ImportDefinition["all"];
  readonly names: ast.ImportDefinition["names"];
  readonly from: ast.ImportDefinition["from"];
  readonly description: ast.ImportDefinition["description"];
  readonly annotations: ast.ImportDefinition["annotations"];
  readonly loc: ast.ImportDefinition["loc"];
  constructor(all: ast.ImportDefinition["all"], names: ast.ImportDefinition["names"], from_: ast.ImportDefinition["from"], description: ast.ImportDefinition["description"], annotations: ast.ImportDefinition["annotations"], loc: ast.ImportDefinition["loc"]) {
    this.all = all;
    this.names = names;
    this.from = from_;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class ImportNameNode implements ast.ImportName {
  readonly kind = "ImportName";
  readonly name: ast.ImportName["name"];
  readonly alias: ast.ImportName["alias"];
  readonly loc: ast.ImportName["loc"];
  constructor(name: ast.ImportName["name"], alias: ast.ImportName["alias"], loc: ast.ImportName["loc"]) {
    this.name = name;
    this.alias = alias;
    this.loc = loc;
  }
}

export class InterfaceDefinitionNode implements ast.InterfaceDefinition {
  readonly kind = "InterfaceDefinition";
  readonly operations: ast.InterfaceDefinition["operations"];
  readonly description: ast.InterfaceDefinition["description"];
  readonly annotations: ast.InterfaceDefinition["annotations"];
  readonly loc: ast.InterfaceDefinition["loc"];
  constructor(operations: ast.InterfaceDefinition["operations"], description: ast.InterfaceDefinition["description"], annotations: ast.InterfaceDefinition["annotations"], loc: ast.InterfaceDefinition["loc"]) {
    this.operations = operations;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class RoleDefinitionNode implements ast.RoleDefinition {
  readonly kind = "RoleDefinition";
  readonly name: ast.RoleDefinition["name"];
  readonly operations: ast.RoleDefinition["operations"];
  readonly description: ast.RoleDefinition["description"];
  readonly annotations: ast.RoleDefinition["annotations"];
  readonly loc: ast.RoleDefinition["loc"];
  constructor(name: ast.RoleDefinition["name"], operations: ast.RoleDefinition["operations"], description: ast.RoleDefinition["description"], annotations: ast.RoleDefinition["annotations"], loc: ast.RoleDefinition["loc"]) {
    this.name = name;
    this.operations = operations;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class TypeDefinitionNode implements ast.TypeDefinition {
  readonly kind = "TypeDefinition";
  readonly name: ast.TypeDefinition["name"];
  readonly implements: ast.TypeDefinition["implements"];
  readonly fields: ast.TypeDefinition["fields"];
  readonly description: ast.TypeDefinition["description"];
  readonly annotations: ast.TypeDefinition["annotations"];
  readonly loc: ast.TypeDefinition["loc"];
  constructor(name: ast.TypeDefinition["name"], implements_: ast.TypeDefinition["implements"], fields: ast.TypeDefinition["fields"], description: ast.TypeDefinition["description"], annotations: ast.TypeDefinition["annotations"], loc: ast.TypeDefinition["loc"]) {
    this.name = name;
    this.implements = implements_;
    this.fields = fields;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class FieldDefinitionNode implements ast.FieldDefinition {
  readonly kind = "FieldDefinition";
  readonly name: ast.FieldDefinition["name"];
  readonly type: ast.FieldDefinition["type"];
  readonly default: ast.FieldDefinition["default"];
  readonly description: ast.FieldDefinition["description"];
  readonly annotations: ast.FieldDefinition["annotations"];
  readonly loc: ast.FieldDefinition["loc"];
  constructor(name: ast.FieldDefinition["name"], type: ast.FieldDefinition["type"], default_: ast.FieldDefinition["default"], description: ast.FieldDefinition["description"], annotations: ast.FieldDefinition["annotations"], loc: ast.FieldDefinition["loc"]) {
    this.name = name;
    this.type = type;
    this.default = default_;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class EnumDefinitionNode implements ast.EnumDefinition {
  readonly kind = "EnumDefinition";
  readonly name: ast.EnumDefinition["name"];
  readonly values: ast.EnumDefinition["values"];
  readonly description: ast.EnumDefinition["description"];
  readonly annotations: ast.EnumDefinition["annotations"];
  readonly loc: ast.EnumDefinition["loc"];
  constructor(name: ast.EnumDefinition["name"], values: ast.EnumDefinition["values"], description: ast.EnumDefinition["description"], annotations: ast.EnumDefinition["annotations"], loc: ast.EnumDefinition["loc"]) {
    this.name = name;
    this.values = values;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class EnumValueDefinitionNode implements ast.EnumValueDefinition {
  readonly kind = "EnumValueDefinition";
  readonly name: ast.EnumValueDefinition["name"];
  readonly index: ast.EnumValueDefinition["index"];
  readonly display: ast.EnumValueDefinition["display"];
  readonly description: ast.EnumValueDefinition["description"];
  readonly annotations: ast.EnumValueDefinition["annotations"];
  readonly loc: ast.EnumValueDefinition["loc"];
  constructor(name: ast.EnumValueDefinition["name"], index: ast.EnumValueDefinition["index"], display: ast.EnumValueDefinition["display"], description: ast.EnumValueDefinition["description"], annotations: ast.EnumValueDefinition["annotations"], loc: ast.EnumValueDefinition["loc"]) {
    this.name = name;
    this.index = index;
    this.display = display;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class UnionDefinitionNode implements ast.UnionDefinition {
  readonly kind = "UnionDefinition";
  readonly name: ast.UnionDefinition["name"];
  readonly members: ast.UnionDefinition["members"];
  readonly description: ast.UnionDefinition["description"];
  readonly annotations: ast.UnionDefinition["annotations"];
  readonly loc: ast.UnionDefinition["loc"];
  constructor(name: ast.UnionDefinition["name"], members: ast.UnionDefinition["members"], description: ast.UnionDefinition["description"], annotations: ast.UnionDefinition["annotations"], loc: ast.UnionDefinition["loc"]) {
    this.name = name;
    this.members = members;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class AliasDefinitionNode implements ast.AliasDefinition {
  readonly kind = "AliasDefinition";
  readonly name: ast.AliasDefinition["name"];
  readonly type: ast.AliasDefinition["type"];
  readonly description: ast.AliasDefinition["description"];
  readonly annotations: ast.AliasDefinition["annotations"];
  readonly loc: ast.AliasDefinition["loc"];
  constructor(name: ast.AliasDefinition["name"], type: ast.AliasDefinition["type"], description: ast.AliasDefinition["description"], annotations: ast.AliasDefinition["annotations"], loc: ast.AliasDefinition["loc"]) {
    this.name = name;
    this.type = type;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class DirectiveDefinitionNode implements ast.DirectiveDefinition {
  readonly kind = "DirectiveDefinition";
  readonly name: ast.DirectiveDefinition["name"];
  readonly parameters: ast.DirectiveDefinition["parameters"];
  readonly locations: ast.DirectiveDefinition["locations"];
  readonly requires: ast.DirectiveDefinition["requires"];
  readonly description: ast.DirectiveDefinition["description"];
  readonly annotations: ast.DirectiveDefinition["annotations"];
  readonly loc: ast.DirectiveDefinition["loc"];
  constructor(name: ast.DirectiveDefinition["name"], parameters: ast.DirectiveDefinition["parameters"], locations: ast.DirectiveDefinition["locations"], requires: ast.DirectiveDefinition["requires"], description: ast.DirectiveDefinition["description"], annotations: ast.DirectiveDefinition["annotations"], loc: ast.DirectiveDefinition["loc"]) {
    this.name = name;
    this.parameters = parameters;
    this.locations = locations;
    this.requires = requires;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class DirectiveRequireNode implements ast.DirectiveRequire {
  readonly kind = "DirectiveRequire";
  readonly directive: ast.DirectiveRequire["directive"];
  readonly locations: ast.DirectiveRequire["locations"];
  readonly loc: ast.DirectiveRequire["loc"];
  constructor(directive: ast.DirectiveRequire["directive"], locations: ast.DirectiveRequire["locations"], loc: ast.DirectiveRequire["loc"]) {
    this.directive = directive;
    this.locations = locations;
    this.loc = loc;
  }
}

export class OperationDefinitionNode implements ast.OperationDefinition {
  readonly kind = "OperationDefinition";
  readonly name: ast.OperationDefinition["name"];
  readonly parameters: ast.OperationDefinition["parameters"];
  readonly unary: ast.OperationDefinition["unary"];
  readonly returnType: ast.OperationDefinition["returnType"];
  readonly returnStream: ast.OperationDefinition["returnStream"];
  readonly description: ast.OperationDefinition["description"];
  readonly annotations: ast.OperationDefinition["annotations"];
  readonly loc: ast.OperationDefinition["loc"];
  constructor(name: ast.OperationDefinition["name"], parameters: ast.OperationDefinition["parameters"], unary: ast.OperationDefinition["unary"], returnType: ast.OperationDefinition["returnType"], returnStream: ast.OperationDefinition["returnStream"], description: ast.OperationDefinition["description"], annotations: ast.OperationDefinition["annotations"], loc: ast.OperationDefinition["loc"]) {
    this.name = name;
    this.parameters = parameters;
    this.unary = unary;
    this.returnType = returnType;
    this.returnStream = returnStream;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class ParameterDefinitionNode implements ast.ParameterDefinition {
  readonly kind = "ParameterDefinition";
  readonly name: ast.ParameterDefinition["name"];
  readonly type: ast.ParameterDefinition["type"];
  readonly stream: ast.ParameterDefinition["stream"];
  readonly default: ast.ParameterDefinition["default"];
  readonly description: ast.ParameterDefinition["description"];
  readonly annotations: ast.ParameterDefinition["annotations"];
  readonly loc: ast.ParameterDefinition["loc"];
  constructor(name: ast.ParameterDefinition["name"], type: ast.ParameterDefinition["type"], stream: ast.ParameterDefinition["stream"], default_: ast.ParameterDefinition["default"], description: ast.ParameterDefinition["description"], annotations: ast.ParameterDefinition["annotations"], loc: ast.ParameterDefinition["loc"]) {
    this.name = name;
    this.type = type;
    this.stream = stream;
    this.default = default_;
    this.description = description;
    this.annotations = annotations;
    this.loc = loc;
  }
}

export class BuiltinTypeNode implements ast.BuiltinType {
  readonly kind = "BuiltinType";
  readonly name: ast.BuiltinType["name"];
  readonly implicit: ast.BuiltinType["implicit"];
  readonly loc: ast.BuiltinType["loc"];
  constructor(name: ast.BuiltinType["name"], implicit: ast.BuiltinType["implicit"], loc: ast.BuiltinType["loc"]) {
    this.name = name;
    this.implicit = implicit;
    this.loc = loc;
  }
}

export class NamedTypeNode implements ast.NamedType {
  readonly kind = "NamedType";
  readonly name: ast.NamedType["name"];
  readonly loc: ast.NamedType["loc"];
  constructor(name: ast.NamedType["name"], loc: ast.NamedType["loc"]) {
    this.name = name;
    this.loc = loc;
  }
}

export class ListTypeNode implements ast.ListType {
  readonly kind = "ListType";
  readonly type: ast.ListType["type"];
  readonly loc: ast.ListType["loc"];
  constructor(type: ast.ListType["type"], loc: ast.ListType["loc"]) {
    this.type = type;
    this.loc = loc;
  }
}

export class MapTypeNode implements ast.MapType {
  readonly kind = "MapType";
  readonly keyType: ast.MapType["keyType"];
  readonly valueType: ast.MapType["valueType"];
  readonly loc: ast.MapType["loc"];
  constructor(keyType: ast.MapType["keyType"], valueType: ast.MapType["valueType"], loc: ast.MapType["loc"]) {
    this.keyType = keyType;
    this.valueType = valueType;
    this.loc = loc;
  }
}

export class OptionalTypeNode implements ast.OptionalType {
  readonly kind = "OptionalType";
  readonly type: ast.OptionalType["type"];
  readonly loc: ast.OptionalType["loc"];
  constructor(type: ast.OptionalType["type"], loc: ast.OptionalType["loc"]) {
    this.type = type;
    this.loc = loc;
  }
}

export class AnnotationNode implements ast.Annotation {
  readonly kind = "Annotation";
  readonly name: ast.Annotation["name"];
  readonly arguments: ast.Annotation["arguments"];
  readonly loc: ast.Annotation["loc"];
  constructor(name: ast.Annotation["name"], arguments_: ast.Annotation["arguments"], loc: ast.Annotation["loc"]) {
    this.name = name;
    this.arguments = arguments_;
    this.loc = loc;
  }
}

export class ArgumentNode implements ast.Argument {
  readonly kind = "Argument";
  readonly name: ast.Argument["name"];
  readonly value: ast.Argument["value"];
  readonly shorthand: ast.Argument["shorthand"];
  readonly loc: ast.Argument["loc"];
  constructor(name: ast.Argument["name"], value: ast.Argument["value"], shorthand: ast.Argument["shorthand"], loc: ast.Argument["loc"]) {
    this.name = name;
    this.value = value;
    this.shorthand = shorthand;
    this.loc = loc;
  }
}

export class IntValueNode implements ast.IntValue {
  readonly kind = "IntValue";
  readonly value: ast.IntValue["value"];
  readonly raw: ast.IntValue["raw"];
  readonly loc: ast.IntValue["loc"];
  constructor(value: ast.IntValue["value"], raw: ast.IntValue["raw"], loc: ast.IntValue["loc"]) {
    this.value = value;
    this.raw = raw;
    this.loc = loc;
  }
}

export class FloatValueNode implements ast.FloatValue {
  readonly kind = "FloatValue";
  readonly value: ast.FloatValue["value"];
  readonly raw: ast.FloatValue["raw"];
  readonly loc: ast.FloatValue["loc"];
  constructor(value: ast.FloatValue["value"], raw: ast.FloatValue["raw"], loc: ast.FloatValue["loc"]) {
    this.value = value;
    this.raw = raw;
    this.loc = loc;
  }
}

export class StringValueNode implements ast.StringValue {
  readonly kind = "StringValue";
  readonly value: ast.StringValue["value"];
  readonly block: ast.StringValue["block"];
  readonly loc: ast.StringValue["loc"];
  constructor(value: ast.StringValue["value"], block: ast.StringValue["block"], loc: ast.StringValue["loc"]) {
    this.value = value;
    this.block = block;
    this.loc = loc;
  }
}

export class BooleanValueNode implements ast.BooleanValue {
  readonly kind = "BooleanValue";
  readonly value: ast.BooleanValue["value"];
  readonly loc: ast.BooleanValue["loc"];
  constructor(value: ast.BooleanValue["value"], loc: ast.BooleanValue["loc"]) {
    this.value = value;
    this.loc = loc;
  }
}

export class NullValueNode implements ast.NullValue {
  readonly kind = "NullValue";
  readonly loc: ast.NullValue["loc"];
  constructor(loc: ast.NullValue["loc"]) {
    this.loc = loc;
  }
}

export class EnumValueNode implements ast.EnumValue {
  readonly kind = "EnumValue";
  readonly value: ast.EnumValue["value"];
  readonly loc: ast.EnumValue["loc"];
  constructor(value: ast.EnumValue["value"], loc: ast.EnumValue["loc"]) {
    this.value = value;
    this.loc = loc;
  }
}

export class ListValueNode implements ast.ListValue {
  readonly kind = "ListValue";
  readonly values: ast.ListValue["values"];
  readonly loc: ast.ListValue["loc"];
  constructor(values: ast.ListValue["values"], loc: ast.ListValue["loc"]) {
    this.values = values;
    this.loc = loc;
  }
}

export class ObjectValueNode implements ast.ObjectValue {
  readonly kind = "ObjectValue";
  readonly fields: ast.ObjectValue["fields"];
  readonly loc: ast.ObjectValue["loc"];
  constructor(fields: ast.ObjectValue["fields"], loc: ast.ObjectValue["loc"]) {
    this.fields = fields;
    this.loc = loc;
  }
}

export class ObjectFieldNode implements ast.ObjectField {
  readonly kind = "ObjectField";
  readonly name: ast.ObjectField["name"];
  readonly value: ast.ObjectField["value"];
  readonly loc: ast.ObjectField["loc"];
  constructor(name: ast.ObjectField["name"], value: ast.ObjectField["value"], loc: ast.ObjectField["loc"]) {
    this.name = name;
    this.value = value;
    this.loc = loc;
  }
}
