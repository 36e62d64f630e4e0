import type { SchemaErrorObject, SchemaObjectKeys, SchemaValidator } from '../base/schema-validator.js';

export type { SchemaErrorObject };

/** The schema compiled by ajv (standalone): true when valid; otherwise `validate.errors` says why. */
export declare const validate: SchemaValidator;
export default validate;

/** JSON pointer of each object schema -> the keys it allows. */
export declare const OBJECT_KEYS: SchemaObjectKeys;
