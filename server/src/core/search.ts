/**
 * How many leading elements of `list` satisfy `before`, found by binary search: `before` must hold
 * for a prefix of the list and fail for the rest (the list is sorted by what it tests). The first
 * element >= v of a sorted list is at `partitionPoint(list, (x) => x < v)`; the last one <= v at
 * `partitionPoint(list, (x) => x <= v) - 1`.
 */
export function partitionPoint<T>(list: ArrayLike<T>, before: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(list[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
