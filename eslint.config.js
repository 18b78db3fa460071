// Lint rules, including the process boundaries of DESIGN.md §1.
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrictedDriver = {
  name: 'better-sqlite3',
  message: 'Only src-main/storage may use the SQLite driver.',
};
const restrictedElectron = {
  name: 'electron',
  message: 'Only src-main/electron and src-preload may import electron.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', 'coverage/**', 'relay-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src-renderer', from: './src-main', except: ['./common'], message: 'The renderer only sees src-main/common.' },
            { target: './src-renderer', from: './src-preload' },
            { target: './src-preload', from: './src-main', except: ['./common'], message: 'The preload only sees src-main/common.' },
            { target: './src-preload', from: './src-renderer' },
            { target: './sync-server', from: './src-main', except: ['./common'], message: 'The relay shares only wire helpers in common/.' },
            { target: './sync-server', from: './src-renderer' },
            { target: './src-main/common', from: './src-main', except: ['./common'], message: 'common/ is pure and depends on nothing else.' },
            { target: './src-main', from: './src-renderer' },
            { target: './src-main', from: './sync-server' },
          ],
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
