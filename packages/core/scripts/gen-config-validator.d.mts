export const SCHEMA_FILE: string;
export const OUTPUT_FILE: string;
export function validatorSource(schema: unknown): string;
