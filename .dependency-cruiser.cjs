// The layers of the language server, lowest first; a module may import its own layer and the ones
// below it, never one above. `npm test` runs this (test/unit/architecture.test.ts) and fails on any
// violation and on any import cycle. docs/architecture.md draws the same picture.
//
//   shared ← core ← packaging ← parser ← semantic ← config ← rule API (ruleApi/, fixes/) ← rules
//   engine sits on the rule API (never on the rule catalog in rules/)
//   workspace, docs ← lsp, cli ← server.ts (Node), browserServer.ts (web worker)
//   client/src imports nothing from server/src but server/src/shared
const layers = [
  ['shared', '^server/src/shared/'],
  ['core', '^server/src/core/'],
  ['packaging', '^server/src/packaging/'],
  ['parser', '^server/src/parser/'],
  ['semantic', '^server/src/semantic/'],
  ['config', '^server/src/config/'],
  ['rule API', '^server/src/(ruleApi|fixes)/'],
  ['rules', '^server/src/rules/'],
  ['engine', '^server/src/engine/'],
  // Jupyter notebooks read and analysed as one Python source (on the engine, below the workspace).
  ['notebooks', '^server/src/notebooks/'],
  ['workspace', '^server/src/(workspace|docs)/'],
  ['lsp and cli', '^server/src/(lsp|cli)/'],
  ['server', '^server/src/(server|browserServer)\\.ts$'],
];

const layerRules = layers.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name.replace(/\W+/g, '-')}`,
  comment: `${name} may not import a layer above it (${layers
    .slice(i + 1)
    .map(([above]) => above)
    .join(', ')})`,
  severity: 'error',
  from: { path },
  to: { path: layers.slice(i + 1).map(([, above]) => above) },
}));

// The analysis (everything up to the engine) runs in a web worker too (VS Code for the Web): it may
// not import a Node built-in. Files, the WASM files and the advisory data reach it through
// interfaces (core/fileAccess.ts, parser.ts's WasmFiles) that each program fills in.
// test/unit/browserBundle.test.ts checks the whole web worker bundle the same way.
const analysis = '^server/src/(core|packaging|parser|semantic|config|ruleApi|fixes|rules|engine|notebooks)/';
const nodeBuiltinRules = [
  {
    name: 'analysis-no-node-builtins',
    comment: 'the analysis runs in a web worker too: no Node built-in module (fs, path, crypto, ...) under it',
    severity: 'error',
    from: { path: analysis },
    to: { dependencyTypes: ['core'] },
  },
];

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment: 'a cycle of imports that exist at run time (type-only imports are erased)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules,
    ...nodeBuiltinRules,
    {
      name: 'engine-not-on-the-catalog',
      comment: 'the engine runs the rules it is given: it depends on the rule API, never on the rule catalog',
      severity: 'error',
      from: { path: '^server/src/engine/' },
      to: { path: '^server/src/rules/' },
    },
    {
      name: 'lsp-and-cli-apart',
      comment: 'the language server and the command line are two programs on the same layers',
      severity: 'error',
      from: { path: '^server/src/lsp/' },
      to: { path: '^server/src/cli/' },
    },
    {
      name: 'cli-and-lsp-apart',
      severity: 'error',
      from: { path: '^server/src/cli/' },
      to: { path: '^server/src/lsp/' },
    },
    {
      name: 'client-only-shared',
      comment: 'the client shares protocol types and file patterns with the server, nothing else',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/src/', pathNot: '^server/src/shared/' },
    },
    {
      name: 'shared-self-contained',
      comment: 'what the client shares imports nothing else of the server',
      severity: 'error',
      from: { path: '^server/src/shared/' },
      to: { path: '^server/src/', pathNot: '^server/src/shared/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
