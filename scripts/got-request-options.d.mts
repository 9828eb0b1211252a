// Types for scripts/got-request-options.mjs, for the test that checks it.
import type { Plugin } from 'esbuild';

export function spreadsLast(source: string): string;
export const gotRequestOptions: Plugin;
