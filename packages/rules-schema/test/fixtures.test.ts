import path from 'node:path';
import { describe } from 'vitest';
import plugin from '../src/index.js';
import { ruleFixtureTests } from '../../../test/support/rule-package-fixtures.js';

describe('rules-schema fixtures', () => {
  ruleFixtureTests(path.join(import.meta.dirname, '..'), plugin);
});
