/** Ajv's error object, as the standalone validator reports it. */
export interface SchemaErrorObject {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The config schema compiled by ajv (standalone): true when valid; otherwise `validate.errors` says why. */
export declare const validate: {
  (data: unknown): boolean;
  errors?: SchemaErrorObject[] | null;
};
export default validate;

/** JSON pointer of each object schema -> the keys it allows. */
export declare const OBJECT_KEYS: Readonly<Record<string, readonly string[]>>;
