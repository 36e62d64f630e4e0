export function validatorSource(schema: unknown, schemaName?: string): string;
export function writeValidator(schemaFile: string, output: string, name?: string): void;
