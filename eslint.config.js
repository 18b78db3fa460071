// Lint rules, including the layers and process boundaries of docs/architecture.md.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/**
 * The layers of src-main, lowest first. A layer imports only the layers
 * below it, types included: a type import still says that the lower layer
 * knows the higher one. Folders in one inner list are peers; the shells (hosts/
 * and electron/) at the top never import each other.
 */
const LAYERS = [['common'], ['secrets'], ['storage'], ['sync'], ['llm'], ['domain'], ['agents', 'integrations'], ['core'], ['hosts', 'electron']];
const SHELLS = LAYERS.at(-1);

/** One no-restricted-paths zone per folder: nothing from the layers above it (nor from the other shell). */
const layerZones = [
  // common/ also stays clear of any folder of src-main the list does not know yet.
  { target: './src-main/common', from: './src-main', except: ['./common'], message: 'src-main/common is pure: it imports no other layer (docs/architecture.md).' },
  ...LAYERS.slice(1).flatMap((peers, i) =>
    peers.map((dir) => {
      const above = LAYERS.slice(i + 2).flat();
      const forbidden = peers === SHELLS ? [...above, ...SHELLS.filter((shell) => shell !== dir)] : above;
      return {
        target: `./src-main/${dir}`,
        from: forbidden.map((other) => `./src-main/${other}`),
        message: `src-main/${dir} may import only the layers below it: ${LAYERS.slice(0, i + 1).flat().join(', ')} (docs/architecture.md).`,
      };
    }),
  ),
];

/** The process boundaries: renderer, preload and relay see only src-main/common. */
const processZones = [
  { target: './src-renderer', from: './src-main', except: ['./common'], message: 'The renderer only sees src-main/common.' },
  { target: './src-renderer', from: './src-preload' },
  { target: './src-preload', from: './src-main', except: ['./common'], message: 'The preload only sees src-main/common.' },
  { target: './src-preload', from: './src-renderer' },
  { target: './sync-server', from: './src-main', except: ['./common'], message: 'The relay shares only wire helpers in common/.' },
  { target: './sync-server', from: './src-renderer' },
  { target: './src-main', from: './src-renderer' },
  { target: './src-main', from: './sync-server' },
];

const restrictedDriver = {
  name: 'better-sqlite3',
  message: 'Only src-main/storage may use the SQLite driver.',
};
const restrictedElectron = {
  name: 'electron',
  message: 'Only src-main/electron and src-preload may import electron.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', 'coverage/**', 'relay-data/**', 'test-results/**',
    // A build bundles its config into a temporary file beside it (name.config.ts.<stamp>.mjs)
    // and deletes it: lint runs beside the build in npm test and must not read it.
    '*.config.ts.*.mjs', '*.config.*.timestamp-*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      // Without the TypeScript parser and extensions, import-x cannot read a .ts
      // dependency and no-cycle silently finds nothing.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json`, alwaysTryTypes: true }), createNodeResolver()],
    },
    rules: {
      // Type-only imports do not count for cycles (import-x skips them and has no
      // option to count them): they are erased at build time (verbatimModuleSyntax),
      // so they cannot change the order modules load in. The layer zones below
      // still check them, so a type import cannot point upwards either.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [...layerZones, ...processZones],
        },
      ],
      'no-restricted-imports': ['error', { paths: [restrictedDriver, restrictedElectron] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']", message: '.only must not be committed.' },
      ],
    },
  },
  {
    // The relay has its own storage layer (it shares nothing with src-main but common/).
    files: ['src-main/storage/**', 'sync-server/storage/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [restrictedElectron] }] },
  },
  {
    files: ['src-main/electron/**', 'src-preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [restrictedDriver] }] },
  },
  {
    // A unit test beside its source may build its fixture from the layers above
    // (createCore, the composed workspace schema), as the suites in tests/ do:
    // tests ship nowhere and nothing imports them. The process boundaries still hold.
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: processZones }] },
  },
  {
    // Counts every line, blank and comment lines too: the limit is about how much there is to read.
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts', 'sync-server/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [restrictedDriver, restrictedElectron],
          patterns: [{ group: ['**/src-main/**'], allowTypeImports: true, message: 'The renderer imports src-main/common as types only.' }],
        },
      ],
    },
  },
);
