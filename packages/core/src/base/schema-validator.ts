/** Ajv's error object, as a standalone validator (scripts/gen-validator.mjs) reports it. */
export interface SchemaErrorObject {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A JSON Schema compiled by ajv into standalone code: true when valid; otherwise `errors` says why. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaErrorObject[] | null;
}

/** JSON pointer of each object schema -> the keys it allows, for "did you mean" on unknown keys. */
export type SchemaObjectKeys = Readonly<Record<string, readonly string[]>>;
