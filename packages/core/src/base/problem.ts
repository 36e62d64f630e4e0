/** A problem in a file a person wrote (config, catalog, baseline), at a position in it. */
export interface ConfigProblem {
  /** The file as shown to the user: relative to the working directory. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** `.kubecomply.yaml:4:3: unknown key "rulez"; did you mean "rules"?` */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
