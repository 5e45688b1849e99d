import * as v8 from 'v8';
import * as vm from 'vm';

/** The bytes the heap holds after a full collection. */
export function heapUsedAfterCollection(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return v8.getHeapStatistics().used_heap_size;
}
