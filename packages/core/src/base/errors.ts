/**
 * A problem with how kubecomply was asked to run (an unknown rule or
 * framework, a bad option, a config or catalog that cannot be used), as
 * opposed to a problem found in the manifests. The CLI exits with 2 on it.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
