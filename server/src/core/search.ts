/**
 * How many leading elements of `list` satisfy `before`, found by binary search: `before` must hold
 * for a prefix of the list and fail for the rest (the list is sorted by what it tests). The first
 * element >= v of a sorted list is at `partitionPoint(list, (x) => x < v)`; the last one <= v at
 * `partitionPoint(list, (x) => x <= v) - 1`.
 */
export function partitionPoint<T>(list: ArrayLike<T>, before: (item: T) => boolean): number {
  return partitionCount(list.length, (index) => before(list[index]));
}

/** `partitionPoint` over the indexes `0 .. count - 1` (for lists whose elements are not single items, such as pairs). */
export function partitionCount(count: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
