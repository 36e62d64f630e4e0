import type { AjvLoader } from '@kubecomply/core';

/**
 * ajv for declarative checks, inlined in the bundle by this literal require
 * and run only when a config has checks: loading it costs start-up time that
 * runs without checks should not pay.
 */
export const loadAjv: AjvLoader = () => {
  const mod = require('ajv') as { Ajv: ReturnType<AjvLoader> };
  return mod.Ajv;
};
