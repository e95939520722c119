// Bundles the extension host code and the webview code.
//   node esbuild.js               one development build (source maps)
//   node esbuild.js --production  minified, no source maps
//   node esbuild.js --watch       rebuild on change; prints problem-matcher markers for tasks.json
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints the markers the `esbuild-watch` problem matcher in .vscode/tasks.json listens for. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * undici is bundled on its own (dist/net.js) and required by src/net/undici.ts on the first request, so activation
 * does not parse it: in the extension bundle that require points at the sibling file.
 */
const lazyNetPlugin = {
  name: 'lazy-net',
  setup(build) {
    build.onResolve({ filter: /^\.\/undiciModules$/ }, () => ({ path: './net.js', external: true }));
  },
};

/**
 * Every `import * as vscode from 'vscode'` becomes one shared namespace: esbuild would otherwise copy the whole
 * vscode API object (hundreds of properties) once per importing file (__toESM), about half of the module's load time.
 */
const oneVscodeNamespacePlugin = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, lazyNetPlugin, oneVscodeNamespacePlugin],
  },
  {
    ...common,
    entryPoints: ['src/net/undiciModules.ts'],
    outfile: 'dist/net.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/webview/preview/main.ts'],
    outfile: 'dist/webview/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const failed = results.filter((r) => r.status === 'rejected' || r.value.errors.length > 0);
  if (failed.length > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
