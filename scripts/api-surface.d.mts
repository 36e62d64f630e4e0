export const ENTRIES: Record<string, string>;
export function apiSurface(): string;
