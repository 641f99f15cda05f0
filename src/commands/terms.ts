// `clausemap terms`: query and export the term database.
import type { Command } from 'commander';
import type { SetCode } from './common.js';

export function registerTerms(_program: Command, _setCode: SetCode): void {}
