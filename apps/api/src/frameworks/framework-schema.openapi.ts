import { FRAMEWORK_DOCUMENT_SCHEMA } from '@app/domain';

type Schema = Record<string, unknown>;

/**
 * The framework document's JSON Schema (2020-12) in the OpenAPI 3.0 dialect Swagger speaks:
 * `type: [t, "null"]` becomes `nullable`, `const` a one-value `enum`; the rules are the same.
 */
export function frameworkSchemaForOpenApi(schema: unknown = FRAMEWORK_DOCUMENT_SCHEMA): unknown {
  if (Array.isArray(schema)) return schema.map((item) => frameworkSchemaForOpenApi(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === '$schema' || key === '$id' || key === 'propertyNames') continue;
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      out.type = types[0];
      if (types.length < value.length) out.nullable = true;
    } else if (key === 'const') out.enum = [value];
    else if (key === 'enum' && Array.isArray(value) && value.includes(null)) {
      out.enum = value.filter((v) => v !== null);
      out.nullable = true;
    } else out[key] = key === 'properties' ? mapValues(value as Schema) : frameworkSchemaForOpenApi(value);
  }
  return out;
}

const mapValues = (properties: Schema): Schema =>
  Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, frameworkSchemaForOpenApi(value)]));
