import js from '@eslint/js'
import globals from 'globals'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import tseslint from 'typescript-eslint'

/**
 * The layers of src/ and what each may import, in order: a layer imports only
 * from the layers before it (CONTRIBUTING.md, "Layout").
 */
const LAYERS = [
  { name: 'shared', may: [] },
  { name: 'platform', may: ['shared'] },
  { name: 'inputs', may: ['shared', 'platform'] },
  { name: 'report', may: ['shared', 'platform', 'inputs'] },
  { name: 'effects', may: ['shared', 'platform', 'inputs', 'report'] },
  { name: 'github', may: ['shared', 'platform', 'inputs', 'report'] }
]
const ALL = [
  'shared',
  'platform',
  'inputs',
  'report',
  'effects',
  'github',
  'read-results',
  'post-status',
  'main',
  'index'
]

/** src/<name>: a folder, or a module at the top of src/. */
const pathOf = (/** @type {string} */ name) =>
  ['shared', 'platform', 'report', 'effects', 'github'].includes(name)
    ? `./src/${name}`
    : `./src/${name}.ts`

/**
 * import-x/no-restricted-paths for the layers: each may not reach the modules
 * of src/ that are not before it, at any depth of folders.
 */
const layerZones = LAYERS.flatMap(({ name: own, may }) =>
  ALL.filter((name) => name !== own && !may.includes(name)).map((name) => ({
    target: pathOf(own),
    from: pathOf(name),
    message: `src/${own} may import only from ${may.length ? may.join(', ') : 'no other layer'}: layers import one way, shared → platform → inputs → report → effects and github → main (CONTRIBUTING.md, "Layout").`
  }))
)

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always']
    }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })]
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // A circle of imports is a layer that does not know what it is: types and parsers go below both.
      'import-x/no-cycle': ['error', { ignoreExternal: true }]
    }
  }
)
