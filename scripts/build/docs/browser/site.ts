/**
 * The site's page script (assets/opsmerge-site.js, on every page): a snippet under each
 * search result, and the try-it panel of the operation pages. The panel's form works at
 * once; the console behind it (the mock and the SDK, assets/try-it.js) loads on the first run.
 */
import { methodCall } from '../samples.js';
import { argumentText, createdKey, parseArgument, prettyBody, rateLimitSummary, shownHeader, statusLine, type CatalogEntry, type Exchange, type RunResult, type TryItConsole } from './try-it-format.js';

const script = document.currentScript as HTMLScriptElement | null;
const assets = new URL('.', script?.src ?? location.href);

const loading = new Map<string, Promise<void>>();

/** Loads a script of assets/ once (a classic script, so the site also works from disk). */
function loadScript(name: string): Promise<void> {
  let promise = loading.get(name);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const element = document.createElement('script');
      element.src = new URL(name, assets).href;
      element.onload = () => resolve();
      element.onerror = () => reject(new Error(`could not load ${name}`));
      document.head.append(element);
    });
    loading.set(name, promise);
  }
  return promise;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<'className' | 'textContent' | 'type' | 'value' | 'placeholder', string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// ─── search snippets ──────────────────────────────────────────────────────────────────

function decorateResults(list: Element): void {
  const base = document.documentElement.dataset['base'] ?? './';
  for (const link of list.querySelectorAll<HTMLAnchorElement>('li > a')) {
    if (link.querySelector('.om-snippet')) continue;
    const href = link.getAttribute('href') ?? '';
    const snippet = window.omSearchSnippets?.[href.startsWith(base) ? href.slice(base.length) : href];
    if (snippet) (link.querySelector('.text') ?? link).append(el('span', { className: 'om-snippet', textContent: snippet }));
  }
}

function watchSearch(): void {
  const list = document.getElementById('tsd-search-results');
  if (!list) return;
  new MutationObserver(() => {
    if (list.children.length === 0) return;
    if (window.omSearchSnippets) decorateResults(list);
    else void loadScript('search-snippets.js').then(() => decorateResults(list), () => undefined);
  }).observe(list, { childList: true });
}

// ─── the try-it panel ─────────────────────────────────────────────────────────────────

let consolePromise: Promise<TryItConsole> | undefined;

function tryItConsole(): Promise<TryItConsole> {
  consolePromise ??= loadScript('try-it.js').then(() => {
    if (!window.OpsMergeTryIt) throw new Error('the try-it console did not load');
    return window.OpsMergeTryIt.createConsole();
  });
  return consolePromise;
}

function headersBlock(headers: readonly (readonly [string, string])[], request: boolean): string {
  return headers.map(([name, value]) => `${name}: ${request ? shownHeader(name, value) : value}`).join('\n');
}

function exchangeView(exchange: Exchange): HTMLElement {
  const { request, response } = exchange;
  const view = el('div', { className: 'om-try-exchange' });
  view.append(
    el('h4', { textContent: 'Request' }),
    el('pre', { className: 'om-try-request', textContent: [`${request.method} ${request.url}`, headersBlock(request.headers, true), request.body ? `\n${prettyBody(request.body)}` : ''].filter(Boolean).join('\n') }),
  );
  if (response) {
    const limits = rateLimitSummary(response.headers, Date.now());
    view.append(
      el('h4', { textContent: 'Response' }),
      el('p', { className: `om-try-status om-try-status-${Math.floor(response.status / 100)}xx`, textContent: statusLine(response.status, response.statusText) }),
      ...(limits ? [el('p', { className: 'om-try-ratelimit', textContent: `Rate limit: ${limits}` })] : []),
      el('details', {}, el('summary', { textContent: `Headers (${response.headers.length})` }), el('pre', { textContent: headersBlock(response.headers, false) })),
      el('pre', { className: 'om-try-response', textContent: prettyBody(response.body) }),
    );
  }
  return view;
}

function mountPanel(host: HTMLElement, catalog: Readonly<Record<string, CatalogEntry>>): void {
  const first = catalog[host.dataset['operation'] ?? ''];
  if (!first) return;
  let entry = first;
  host.replaceChildren();
  const select = el('select', { className: 'om-try-operation' });
  for (const item of Object.values(catalog).sort((a, b) => a.title.localeCompare(b.title))) {
    const option = el('option', { value: item.id, textContent: `${item.title} — ${item.method} ${item.path}` });
    option.selected = item.id === entry.id;
    select.append(option);
  }
  const pathFields = el('div', { className: 'om-try-path' });
  const argLabel = el('span');
  const argument = el('textarea', { className: 'om-try-args' });
  argument.rows = 6;
  argument.spellcheck = false;
  const key = el('input', { className: 'om-try-key', placeholder: "empty: the mock's ready sandbox key (scope admin)" });
  key.type = 'text';
  key.spellcheck = false;
  const call = el('code', { className: 'om-try-call' });
  const run = el('button', { className: 'om-try-run', type: 'button', textContent: 'Run' });
  const reset = el('button', { className: 'om-try-reset', type: 'button', textContent: 'Reset the mock' });
  const status = el('span', { className: 'om-try-state' });
  const output = el('div', { className: 'om-try-output' });
  const history = el('ol', { className: 'om-try-history' });

  const pathValues = (): Record<string, string> => Object.fromEntries([...pathFields.querySelectorAll<HTMLInputElement>('input')].map((input) => [input.name, input.value]));
  const argsNow = (): { path: Record<string, string>; query?: Record<string, unknown>; body?: unknown } => {
    const value = parseArgument(argument.value);
    return { path: pathValues(), ...(value === undefined ? {} : entry.body === 'none' ? { query: value } : { body: value }) };
  };
  const preview = (): void => {
    try {
      call.textContent = `await client.${methodCall(entry, argsNow())}`;
      call.classList.remove('om-try-invalid');
    } catch (error) {
      call.textContent = (error as Error).message;
      call.classList.add('om-try-invalid');
    }
  };
  const show = (next: CatalogEntry): void => {
    entry = next;
    pathFields.replaceChildren(
      ...next.pathParams.map((name) => {
        const input = el('input', { value: next.args.path[name] ?? '' });
        input.name = name;
        input.spellcheck = false;
        input.addEventListener('input', preview);
        return el('label', {}, el('span', { textContent: name }), input);
      }),
    );
    argLabel.textContent = next.body === 'none' ? 'Query parameters (JSON)' : `Request body (JSON${next.body === 'required' ? ', required' : ''})`;
    argument.value = argumentText(next, next.args);
    preview();
  };

  select.addEventListener('change', () => show(catalog[select.value] ?? entry));
  argument.addEventListener('input', preview);
  run.addEventListener('click', () => {
    void (async () => {
      let args;
      try {
        args = argsNow();
      } catch (error) {
        status.textContent = (error as Error).message;
        return;
      }
      run.disabled = true;
      status.textContent = consolePromise ? 'Running…' : 'Starting the mock in this page…';
      try {
        const console = await tryItConsole();
        const result: RunResult = await console.run(entry.id, args, key.value.trim() || undefined);
        render(result);
        status.textContent = '';
      } catch (error) {
        status.textContent = `The console could not run: ${(error as Error).message}`;
      } finally {
        run.disabled = false;
      }
    })();
  });
  reset.addEventListener('click', () => {
    void tryItConsole().then((c) => {
      c.reset();
      history.replaceChildren();
      output.replaceChildren(el('p', { textContent: 'The mock is back to its seeded state.' }));
    });
  });

  function render(result: RunResult): void {
    output.replaceChildren(el('h4', { textContent: 'Call' }), el('pre', { textContent: call.textContent ?? '' }));
    for (const exchange of result.exchanges) output.append(exchangeView(exchange));
    for (const notice of result.notices) output.append(el('p', { className: 'om-try-notice', textContent: `Deprecation: ${notice}` }));
    if (result.error) {
      output.append(el('p', { className: 'om-try-error', textContent: `The SDK threw ${result.error.name}${result.error.code ? ` (${result.error.code})` : ''}: ${result.error.message}` }));
    }
    const last = result.exchanges.at(-1)?.response;
    const newKey = last ? createdKey(last.body) : undefined;
    if (newKey) {
      const use = el('button', { type: 'button', className: 'om-try-use-key', textContent: 'Use this new key for the next runs' });
      use.addEventListener('click', () => {
        key.value = newKey;
      });
      output.append(use);
    }
    const line = last ? `${entry.title} → ${statusLine(last.status, last.statusText)}` : `${entry.title} → ${result.error?.name ?? 'no request'}`;
    history.append(el('li', { textContent: line }));
  }

  host.append(
    el('div', { className: 'om-try-head' }, el('strong', { textContent: 'Try it' }), ' — runs the SDK against a stateful mock of the API in this page. Changes persist until you reload or reset.'),
    el('label', {}, el('span', { textContent: 'Operation' }), select),
    pathFields,
    el('label', {}, argLabel, argument),
    el('label', {}, el('span', { textContent: 'API key' }), key),
    el('div', { className: 'om-try-preview' }, call),
    el('div', { className: 'om-try-actions' }, run, reset, status),
    output,
    el('details', { className: 'om-try-log' }, el('summary', { textContent: 'Calls in this page' }), history),
  );
  show(entry);
  host.dataset['ready'] = 'true';
}

function mountPanels(): void {
  const hosts = [...document.querySelectorAll<HTMLElement>('.om-try-it[data-operation]')];
  if (hosts.length === 0) return;
  void loadScript('try-it-catalog.js').then(
    () => {
      for (const host of hosts) mountPanel(host, window.omTryItCatalog ?? {});
    },
    () => undefined,
  );
}

watchSearch();
mountPanels();
