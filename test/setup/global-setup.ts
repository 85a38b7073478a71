import type { TestProject } from 'vitest/node';
import { startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock started for this run. */
    prismUrl: string;
  }
}

/** Starts the services tests need, once per run: Prism on a free loopback port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism({ quiet: true });
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}
