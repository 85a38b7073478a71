/** `npm run spec:stats`: operations per family and per stability tier, from the operations table. */
import { operations, type OperationInfo } from '../../generated/operations.js';

const rows = Object.values(operations) as OperationInfo[];
const count = (key: (op: OperationInfo) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const op of rows) m.set(key(op), (m.get(key(op)) ?? 0) + 1);
  return m;
};
const print = (title: string, m: Map<string, number>): void => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(14)} ${String(v).padStart(3)}`);
};

console.log(`${rows.length} operations in ${new Set(rows.map((r) => r.path)).size} paths\n`);
print('by family', count((op) => op.family));
print('\nby stability', count((op) => op.stability));
const deprecated = rows.filter((op) => op.deprecated);
console.log(`\ndeprecated: ${deprecated.length}`);
for (const op of deprecated) {
  console.log(`  ${op.operationId} (${op.method} ${op.path}): sunset ${op.sunset ?? 'none'}, successor ${op.successor ?? 'none'}`);
}
console.log(`paginated lists: ${rows.filter((op) => op.paginated).length}; writes taking Idempotency-Key: ${rows.filter((op) => op.idempotencyKey).length}`);
