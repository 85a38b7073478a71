/** What every family's handler factory gets. @internal */
import type { Runner } from '../pipeline/run-operation.js';
import type { MockStore } from '../store/store.js';
import type { TypedHttp } from './typed-http.js';

/** The typed `http`, the pipeline runner and the store. */
export interface HandlerContext {
  readonly http: TypedHttp;
  readonly run: Runner;
  readonly store: MockStore;
}
