/**
 * Loupe's layers, enforced (`npm run check:deps`, part of `npm test`). Each folder of lib/ may
 * import only the layers below it; the README's "Layout" section draws the same picture.
 *
 *   helpers ← upwork ← settings, commands ← messaging ← power, alerts, present ← page ← features, sync ← background
 *
 * Inside lib/features/ each feature is a folder that imports no other feature; only the list
 * (index.ts) and the content script's start (content-main.ts) see them all. components/ (the
 * extension's pages) use lib/ but never the worker's code or a page feature's insides; entrypoints/
 * wire; tests/ are imported by nothing but tests; testkit/ and sandbox/ never reach the product.
 */
const LIB = '^lib/';
/** A feature's options editor: the .tsx files of a lib/features/<name>/ folder (tests aside). */
const EDITOR = '^lib/features/[^/]+/(?![^/]*\\.test\\.tsx$)[^/]+\\.tsx$';
const layer = (...names) => `^lib/(${names.join('|')})/`;

/** What each lib folder must not import: every layer above it (and its siblings that are not below). */
const above = {
  helpers: ['upwork', 'settings', 'commands', 'messaging', 'power', 'alerts', 'present', 'page', 'features', 'sync', 'background'],
  upwork: ['settings', 'commands', 'messaging', 'power', 'alerts', 'present', 'page', 'features', 'sync', 'background'],
  settings: ['commands', 'messaging', 'power', 'alerts', 'present', 'page', 'features', 'sync', 'background'],
  commands: ['settings', 'messaging', 'power', 'alerts', 'present', 'page', 'features', 'sync', 'background'],
  messaging: ['power', 'alerts', 'present', 'page', 'features', 'sync', 'background'],
  power: ['alerts', 'present', 'page', 'features', 'sync', 'background'],
  alerts: ['power', 'present', 'page', 'features', 'sync', 'background'],
  present: ['power', 'alerts', 'page', 'features', 'sync', 'background'],
  page: ['features', 'sync', 'background'],
  features: ['sync', 'background'],
  sync: ['page', 'features', 'background'],
  background: ['page', 'features'],
};

module.exports = {
  forbidden: [
    ...Object.entries(above).map(([name, banned]) => ({
      name: `${name}-points-down`,
      comment: `lib/${name} may import only the layers below it.`,
      severity: 'error',
      from: { path: layer(name) },
      to: { path: layer(...banned) },
    })),
    {
      name: 'lib-is-not-ui',
      comment:
        "lib/ never imports the pages (components/) or the wiring (entrypoints/); a feature's options editor (its .tsx files) only the pages' shared primitives (components/common/).",
      severity: 'error',
      from: { path: LIB, pathNot: EDITOR },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'editors-use-common-only',
      comment: "A feature's options editor is built from components/common/, like every page; it knows no page's insides.",
      severity: 'error',
      from: { path: EDITOR },
      to: { path: '^(components/(?!common/)|entrypoints/)' },
    },
    {
      name: 'page-code-is-not-react',
      comment:
        "What runs on upwork.com pages (lib/page, a feature's .ts files) never reaches an editor: the content script stays free of React.",
      severity: 'error',
      from: { path: '^lib/(page|features)/.*\\.ts$', pathNot: '\\.test\\.ts$' },
      to: { path: '\\.tsx$' },
    },
    {
      name: 'ui-talks-to-the-worker',
      comment: "The extension's pages reach the worker by message, never by importing its code.",
      severity: 'error',
      from: { path: '^components/' },
      to: { path: layer('background') },
    },
    {
      name: 'features-stand-alone',
      comment: 'A feature (a folder of lib/features/) imports no other feature; what two share belongs in a layer below.',
      severity: 'error',
      from: { path: '^lib/features/([^/]+)/' },
      to: { path: '^lib/features/', pathNot: '^lib/features/$1/' },
    },
    {
      name: 'ui-knows-features-by-their-list',
      comment:
        "The pages see the page features only through their list (lib/features/index.ts) and their options editors (Editor.tsx), never a feature's insides, and of the page layer only the views they render (lib/page/views.ts).",
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^lib/(features|page)/', pathNot: ['^lib/(features/index|page/views)\\.ts$', '^lib/features/[^/]+/Editor\\.tsx$'] },
    },
    {
      name: 'pages-are-separate',
      comment: 'The popup, options and welcome pages share code through components/common only.',
      severity: 'error',
      from: { path: '^components/(popup|options|welcome)/' },
      to: { path: '^components/(popup|options|welcome)/', pathNot: '^components/$1/' },
    },
    {
      name: 'tests-are-a-leaf',
      comment: "Nothing imports tests/ but tests (a feature's own tests live in its folder).",
      severity: 'error',
      from: { pathNot: ['^tests/', '\\.test\\.tsx?$'] },
      to: { path: '^tests/' },
    },
    {
      name: 'product-without-test-tools',
      comment: 'The extension never ships the sandbox, the test kit or the scripts.',
      severity: 'error',
      from: { path: '^(lib|components|entrypoints)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^(sandbox|testkit|scripts)/' },
    },
    {
      name: 'sandbox-stands-alone',
      comment: "The sandbox models Upwork: it may read the API's schema and model, not Loupe's worker or pages.",
      severity: 'error',
      from: { path: '^sandbox/' },
      to: {
        path: '^(lib/(background|page|features|messaging|settings|power|sync|alerts|present)|components|entrypoints|testkit|scripts)/',
      },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make the layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
