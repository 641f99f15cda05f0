// Where the package's own data lives (rules, templates), wherever it is installed.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = path.join(PACKAGE_ROOT, 'rules');
export const CLAUSE_RULES_DIR = path.join(RULES_DIR, 'clauses');
export const PORTFOLIO_RULES_DIR = path.join(RULES_DIR, 'portfolio');
export const PLAYBOOK_DIR = path.join(RULES_DIR, 'playbook');
/** tables the checks look places and industries up in */
export const RULES_DATA_DIR = path.join(RULES_DIR, 'data');
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

export const VERSION: string = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
export const MODELS_DIR = path.join(PACKAGE_ROOT, 'models');
export const CLAUSE_MODEL_FILE = path.join(MODELS_DIR, 'clause-model.json');
