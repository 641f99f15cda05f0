// Pages of the text model, apart from the readers: what runs on text already read needs no PDF reader.

/** 1-based page of an offset. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let lo = 0,
    hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
