// Keeping the CLI process's memory near what it holds, on a batch of thousands of contracts. V8 lets its
// heap grow to several times the live data between full collections, and a batch makes a great deal of
// short-lived data (every document's result as it comes back from a worker, every finding on its way to
// disk). Left alone, the process's peak grows with the batch far faster than what it keeps does; a full
// collection every so often keeps the peak close to the live data. It costs a fraction of a second each
// time, so it is asked for by the count of documents or findings, not per item.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/** A full garbage collection, now. */
export function compact(): void {
  if (!collect) {
    // `gc` is exposed to contexts made after the flag is set
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

/** Calls compact() on every `every`-th call of the function it returns. */
export function compactEvery(every: number): () => void {
  let n = 0;
  return () => {
    if (++n % every === 0) compact();
  };
}
