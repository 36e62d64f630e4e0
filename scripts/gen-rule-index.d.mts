export function ruleIndexSource(rulesDir: string): string;
