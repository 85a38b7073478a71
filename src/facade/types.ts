import type { operations } from '../../generated/schema.js';

/** An operationId of the spec. */
export type OperationKey = keyof operations;

/**
 * The HTTP statuses of the spec's success responses (200 OK, 201 Created, 202 Accepted).
 * @inline
 */
type SuccessCode = 200 | 201 | 202;

/** Query parameters of an operation (without the paging ones, which list walks manage). */
export type QueryOf<K extends OperationKey> = operations[K]['parameters'] extends {
  /** The operation's query parameters, when it takes any (openapi-typescript's shape). */
  query?: infer Q;
}
  ? NonNullable<Q>
  : never;

/** JSON request body of an operation. */
export type BodyOf<K extends OperationKey> = operations[K] extends {
  /** The operation's request body, when it takes one (openapi-typescript's shape). */
  requestBody?: infer B;
}
  ? NonNullable<B> extends {
      /** The body's media types. */
      content: {
        /** The JSON body: what `BodyOf` resolves to. */
        'application/json': infer J;
      };
    }
    ? J
    : never
  : never;

/** The `data` of an operation's success response: what a facade call resolves to. */
export type DataOf<K extends OperationKey> = {
  [C in SuccessCode]: operations[K]['responses'] extends Record<
    C,
    {
      /** The success response's media types. */
      content: {
        /** The JSON body, the `{"data": …}` envelope of every success response. */
        'application/json': {
          /** The envelope's payload: what `DataOf` resolves to. */
          data: infer D;
        };
      };
    }
  >
    ? D
    : never;
}[SuccessCode];

/** The item type of a list operation. */
export type ItemOf<K extends OperationKey> = DataOf<K> extends {
  /** The items of one page of the list: `ItemOf` resolves to their type. */
  items: Array<infer I>;
}
  ? I
  : never;
