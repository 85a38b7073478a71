/** What every family's handler factory gets. @internal */
import type { Runner } from '../pipeline/run-operation.js';
import type { MockStore } from '../store/store.js';
import type { TypedHttp } from './typed-http.js';

/** Settings handlers read. */
export interface HandlerSettings {
  /** Active API keys allowed by the plan (403 `PLAN_LIMIT_REACHED` past it). */
  readonly planKeyLimit: number;
}

/** The typed `http`, the pipeline runner, the store and settings. */
export interface HandlerContext {
  readonly http: TypedHttp;
  readonly run: Runner;
  readonly store: MockStore;
  readonly settings: HandlerSettings;
}
