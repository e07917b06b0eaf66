/**
 * The layering of src/ as a rule the build checks (`npm run lint:deps`, part of `npm test`).
 *
 *   kefu.ts / server.ts / cli.ts        composition roots: may import anything, imported by nothing
 *   http/  channels/  slackDesk/        the edges (HTTP routers, platform webhooks and senders)
 *   handoff/                            cases, ownership, queue, agent actions
 *   engine/                             one turn of dialogue
 *   nlu/  knowledge/                    understanding and FAQ retrieval
 *   store/ (types.ts = the ports)       storage; engine and handoff see only the ports
 *   observability/                      logs and metrics: only the domain below them
 *   domain/  errors.ts                  shared vocabulary: imports nothing of ours
 *
 * Type-only imports count: a type import is a dependency too.
 */

/** Composition roots: they wire everything, so nothing else may import them. */
const ROOTS = '^src/(kefu|server|cli)[.]ts$';
/** Storage implementations (as opposed to the ports in src/store/types.ts). */
const STORE_IMPLEMENTATIONS = '^src/store/(?!types[.]ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Folders of src/ must not import each other in a circle (the top-level files of src/ — the ' +
        'composition roots, config.ts and errors.ts — are checked by the rules below instead).',
      scope: 'folder',
      from: { path: '^src/[^/]+' },
      to: { circular: true, path: '^src/[^/]+' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No module imports itself through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-importing-composition-roots',
      severity: 'error',
      comment: 'kefu.ts, server.ts and cli.ts wire the app; nothing inside it depends on them.',
      from: { path: '^src/', pathNot: ROOTS },
      to: { path: ROOTS },
    },
    {
      name: 'domain-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'src/domain is the shared vocabulary at the bottom: it may import zod and itself, nothing else of ours.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'errors-import-nothing-of-ours',
      severity: 'error',
      comment: 'src/errors.ts sits beside the domain at the bottom.',
      from: { path: '^src/errors[.]ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'engine-stays-inside',
      severity: 'error',
      comment:
        'The engine is one turn of dialogue: it never imports channels, HTTP, the Slack desk, ' +
        'configuration, observability or a storage implementation (only the ports in store/types.ts).',
      from: { path: '^src/engine/' },
      to: {
        path: [
          '^src/channels/',
          '^src/http/',
          '^src/slackDesk/',
          '^src/observability/',
          '^src/config[.]ts$',
          STORE_IMPLEMENTATIONS,
        ],
      },
    },
    {
      name: 'engine-sees-handoff-ports-only',
      severity: 'error',
      comment: 'The engine talks to the complaint desk through handoff/ports.ts, never its implementation.',
      from: { path: '^src/engine/' },
      to: { path: '^src/handoff/', pathNot: '^src/handoff/ports[.]ts$' },
    },
    {
      name: 'nlu-and-knowledge-below-engine',
      severity: 'error',
      comment: 'Understanding and retrieval never reach up into the engine (or anything above it).',
      from: { path: '^src/(nlu|knowledge)/' },
      to: {
        path: [
          '^src/engine/',
          '^src/handoff/',
          '^src/channels/',
          '^src/http/',
          '^src/slackDesk/',
          '^src/store/',
        ],
      },
    },
    {
      name: 'knowledge-below-nlu',
      severity: 'error',
      comment: 'The NLU uses the FAQ index; the knowledge base knows nothing of the NLU.',
      from: { path: '^src/knowledge/' },
      to: { path: '^src/nlu/' },
    },
    {
      name: 'store-below-the-app',
      severity: 'error',
      comment: 'Storage knows the domain (the Case it stores) and nothing above it.',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/domain/', '^src/errors[.]ts$'] },
    },
    {
      name: 'handoff-below-the-edges',
      severity: 'error',
      comment: 'The complaint desk does not know how it is reached: no HTTP, channels or Slack desk.',
      from: { path: '^src/handoff/' },
      to: {
        path: ['^src/http/', '^src/channels/', '^src/slackDesk/', '^src/engine/', STORE_IMPLEMENTATIONS],
      },
    },
    {
      name: 'observability-at-the-bottom',
      severity: 'error',
      comment: 'Logs and metrics are used everywhere, so they import nothing of ours but the domain.',
      from: { path: '^src/observability/' },
      to: { path: '^src/', pathNot: ['^src/observability/', '^src/domain/'] },
    },
    {
      name: 'no-tests-from-src',
      severity: 'error',
      comment: 'Production code never imports test code.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
