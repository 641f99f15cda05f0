// Expanding the user's arguments (files and folders) into the list of input files, in a stable order.
// A folder is hostile input: the walk follows each real folder once (two links to `.` make no loop), lists
// each real file once whatever names lead to it, reads only regular files, and does not leave the folders
// given through a link unless told to (--follow-links). Every entry it does not list as an input (a pipe, a
// socket, a device, a dangling link, a link out of the folder, a folder nested too deep) is listed with
// its own code and reason: nothing in a folder goes silently missing.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { explain } from '../errors.js';
import type { ErrorCode } from '../schema.js';

/** An entry that is not read, with the code and sentence it is listed under in the output. */
export interface Refused {
  file: string;
  code: ErrorCode;
  status: 'error' | 'skipped';
  message: string;
}

export interface InputList {
  files: string[];
  missing: string[];
  /** entries listed with a reason instead of being read; absent in lists made before there were any */
  refused?: Refused[];
}

export interface WalkOptions {
  /** follow links that lead out of the folders given (default: list them as skipped) */
  followLinks?: boolean;
}

/** Operating-system and editor bookkeeping, and clausemap's own unfinished reports (`<out>.partial-<pid>`,
 *  which a run writing its report into the folder it reads makes before the walk), never a contract: left
 *  out of folder walks. Any other file,
 *  hidden or not, is listed and analysed (or skipped with a reason by ingest). */
const BOOKKEEPING =
  /^(?:\.DS_Store|\._.*|~\$.*|Thumbs\.db|desktop\.ini|.*\.(?:json|md|html|pdf|csv|ics|txt)\.partial-\d+)$/i;
/** Hidden folders (.git, .clausemap) are not walked. */
const HIDDEN_DIR = /^\./;
/** YAML in a contracts folder is configuration or test metadata (clausemap.yaml, expected.yaml), never a contract;
 *  it is still read when named explicitly. */
const NOT_A_CONTRACT = /\.ya?ml$/i;
/** Folders deeper than this below an input are not walked (a real portfolio is a few levels deep). */
export const MAX_DEPTH = 32;
/** Paths longer than this are not opened (Linux's PATH_MAX is 4096). */
const MAX_PATH = 4000;

/** The code of an entry that is neither a file nor a folder. */
const kindCode = (st: Stats): ErrorCode => (st.isFIFO() ? 'NAMED_PIPE' : st.isSocket() ? 'SOCKET' : 'DEVICE');

const isInside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

export function expandInputs(args: readonly string[], opts: WalkOptions = {}): InputList {
  const files: string[] = [];
  const missing: string[] = [];
  const refused: Refused[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  /** an entry met in a folder walk is skipped; one given on the command line is an error (exit 3) */
  const refuse = (file: string, code: ErrorCode, detail?: string, status: Refused['status'] = 'skipped') =>
    refused.push({ file, code, status, message: explain(code, file, detail) });
  const add = (f: string, real: string) => {
    if (!seenFiles.has(real)) {
      seenFiles.add(real);
      files.push(f);
    }
  };
  // the real paths of the folders given: links inside them may lead anywhere within them
  const roots: string[] = [];
  for (const a of args) {
    try {
      if (statSync(a).isDirectory()) roots.push(realpathSync(a));
    } catch {
      // reported below
    }
  }
  const walk = (dir: string, real: string, depth: number) => {
    if (seenDirs.has(real)) return; // a loop, or a folder reached by two names: walked once
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      missing.push(dir);
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      let lst: Stats;
      try {
        lst = lstatSync(p);
      } catch {
        continue; // gone between the listing and now
      }
      if (p.length > MAX_PATH) {
        refuse(p, 'PATH_TOO_DEEP', `a path longer than ${MAX_PATH} characters`);
        continue;
      }
      let st = lst;
      let target = p;
      if (lst.isSymbolicLink()) {
        try {
          target = realpathSync(p);
          st = statSync(target);
        } catch {
          refuse(p, 'BROKEN_LINK');
          continue;
        }
        if (!opts.followLinks && !roots.some((r) => isInside(target, r))) {
          refuse(p, 'LINK_OUTSIDE', `to ${target}`);
          continue;
        }
      } else if (st.isFile() || st.isDirectory()) {
        target = path.join(real, n);
      }
      if (st.isDirectory()) {
        if (HIDDEN_DIR.test(n)) continue;
        if (depth >= MAX_DEPTH) {
          if (!seenDirs.has(target)) refuse(p, 'PATH_TOO_DEEP', `more than ${MAX_DEPTH} folders below the one given`);
          continue;
        }
        walk(p, target, depth + 1);
      } else if (st.isFile()) {
        if (!BOOKKEEPING.test(n) && !NOT_A_CONTRACT.test(n)) add(p, target);
      } else {
        refuse(p, kindCode(st));
      }
    }
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) walk(a, realpathSync(a), 0);
    else if (st.isFile()) add(a, realpathSync(a));
    else refuse(a, kindCode(st), undefined, 'error');
  }
  return { files, missing, refused };
}
