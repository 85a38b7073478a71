import type { operations } from '../../generated/schema.js';

/** An operationId of the spec. */
export type OperationKey = keyof operations;

type SuccessCode = 200 | 201 | 202;

/** Query parameters of an operation (without the paging ones, which list walks manage). */
export type QueryOf<K extends OperationKey> = operations[K]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

/** JSON request body of an operation. */
export type BodyOf<K extends OperationKey> = operations[K] extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : never
  : never;

/** The `data` of an operation's success response: what a facade call resolves to. */
export type DataOf<K extends OperationKey> = {
  [C in SuccessCode]: operations[K]['responses'] extends Record<C, { content: { 'application/json': { data: infer D } } }> ? D : never;
}[SuccessCode];

/** The item type of a list operation. */
export type ItemOf<K extends OperationKey> = DataOf<K> extends { items: Array<infer I> } ? I : never;
