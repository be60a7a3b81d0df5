/**
 * The content script runs on every Upwork page, so it stays small: nothing it runs may reach React
 * or zod (the worker validates what it sends). Type-only imports are erased by the build, so this
 * check follows only the imports that run (`npm run check:deps`).
 */
module.exports = {
  forbidden: [
    {
      name: 'content-script-stays-small',
      severity: 'error',
      from: { path: '^entrypoints/upwork\\.content\\.ts$' },
      to: { path: 'node_modules/(zod|react|react-dom)/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
  },
};
