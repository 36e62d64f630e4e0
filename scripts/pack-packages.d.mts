export const PUBLISHED: string[];
export function pnpmCommand(): string[];
export function packPackages(dest: string): Record<string, string>;
