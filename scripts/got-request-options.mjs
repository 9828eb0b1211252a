// Part of `npm run build` (scripts/bundle-cli.mjs): the one change the binary makes to a library it
// joins in. got 14 builds the options of every request it hands to node:http with an object
// literal that starts with two spreads (`{...cacheOptions, ...unixOptions, ALPNProtocols, ...}`)
// and then adds 33 properties. On Node 20's V8 an object made by a spread takes each property added
// after it on a slow path: about 2 us a property, 55 to 70 us a request, 8% of the CPU of a run at
// --rate 0 and 14% of a bare got loop's (bench/results/HISTORY.md). The same literal with the spreads
// last costs under 1 us. It is the same object: got's cacheOptions setter accepts only its four keys
// (shared, cacheHeuristic, immutableMinTimeToLive, ignoreCargoCult) and the unix-socket options are
// socketPath, path and host, none of which the literal names, so no value changes which one wins;
// only the order of the keys does, which node:http never reads.
// got 15 (Node >= 22) still builds the object this way. Where a got upgrade moved the code, got is
// joined as it is, with a warning (a faster binary is not worth a failed install), and the test of
// the binary (test/scripts/got-request-options.test.ts) fails, so the change is looked at again.
import { readFile } from 'node:fs/promises';

const OPTIONS_MODULE = /[\\/]node_modules[\\/]got[\\/]dist[\\/]source[\\/]core[\\/]options\.js$/;
const LITERAL = /return \{\n(\s*)\.\.\.internals\.cacheOptions,\n\s*\.\.\.this\._unixOptions,\n([^]*?\n\s*h2session: internals\.h2session,\n)(\s*)\};/g;

/** got's options module with createNativeRequestOptions' spreads moved to the end of its literal. */
export function spreadsLast(source) {
  const found = source.match(LITERAL)?.length ?? 0;
  if (found !== 1) throw new Error(`got's createNativeRequestOptions: expected its options literal once, found it ${found} times; check the change in scripts/got-request-options.mjs against this got`);
  return source.replace(LITERAL, (_, indent, properties, closing) => `return {\n${properties}${indent}...internals.cacheOptions,\n${indent}...this._unixOptions,\n${closing}};`);
}

/** The esbuild plugin that applies spreadsLast to got's options module as it is joined in. */
export const gotRequestOptions = {
  name: 'got-request-options',
  setup(build) {
    build.onLoad({ filter: OPTIONS_MODULE }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      try {
        return { contents: spreadsLast(source), loader: 'js' };
      } catch (error) {
        return { contents: source, loader: 'js', warnings: [{ text: `${error.message}; got joined unchanged` }] };
      }
    });
  },
};
