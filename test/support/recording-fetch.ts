/** A fake `fetch` for the OAuth endpoints, which take form bodies: each call is recorded. */
export interface RecordedFormCall {
  url: string;
  method: string;
  headers: Headers;
  /** The parsed `application/x-www-form-urlencoded` body. */
  form: URLSearchParams;
}

export type FormHandler = (call: RecordedFormCall, index: number, signal: AbortSignal) => Response | Promise<Response>;

/** A fetch that records each request (URL, method, headers, parsed form body) and answers with `handler`. */
export function recordingFetch(handler: FormHandler): { fetch: typeof fetch; calls: RecordedFormCall[] } {
  const calls: RecordedFormCall[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const call: RecordedFormCall = { url: request.url, method: request.method, headers: request.headers, form: new URLSearchParams(await request.text()) };
    calls.push(call);
    return handler(call, calls.length - 1, request.signal);
  };
  return { fetch: fake, calls };
}
