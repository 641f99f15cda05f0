// The exit codes of the command line (README, "Exit codes"). Only 0 to 3 are for scripts to act on.
export const EXIT = {
  OK: 0,
  /** a finding at or above --fail-on */
  FINDINGS: 1,
  /** a usage error, or rules / configuration that do not load: nothing was written */
  USAGE: 2,
  /** some inputs could not be read: each is listed in the output */
  INPUTS: 3,
  /** the report could not be written (a full disk): nothing was left at the --out name */
  OUTPUT: 4,
  /** a bug in clausemap */
  INTERNAL: 70,
  /** Ctrl-C or SIGTERM: the documents analysed so far are kept in the term database */
  INTERRUPTED: 130,
} as const;
