import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers of src/ and what each may import, in order: a layer imports only
 * from the layers before it (README, "Design notes").
 */
const LAYERS = [
  { files: ['src/shared/**/*.ts'], may: [] },
  { files: ['src/platform/**/*.ts'], may: ['shared'] },
  { files: ['src/inputs.ts'], may: ['shared', 'platform'] },
  { files: ['src/report/**/*.ts'], may: ['shared', 'platform', 'inputs'] },
  {
    files: ['src/effects/**/*.ts', 'src/github/**/*.ts'],
    may: ['shared', 'platform', 'inputs', 'report']
  }
]
const ALL = [
  'shared',
  'platform',
  'inputs',
  'report',
  'effects',
  'github',
  'collect',
  'main',
  'index'
]

/**
 * no-restricted-imports for one layer: every other top-level module of src/ it may not reach.
 * @param {{ files: string[], may: string[] }} layer
 * @returns {import('typescript-eslint').ConfigWithExtends}
 */
function layerRule({ files, may }) {
  const [first = ''] = files
  const own = (first.split('/')[1] ?? '').replace(/\.ts$/, '')
  const banned = ALL.filter((name) => name !== own && !may.includes(name))
  const depth = first.includes('/**/') ? '../' : './'
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: banned.flatMap((name) => [
                `${depth}${name}`,
                `${depth}${name}.js`,
                `${depth}${name}/*`
              ]),
              message: `src/${own} may import only from ${may.length ? may.join(', ') : 'no other layer'}: layers import one way, shared → platform → inputs → report → effects and github → main (README, "Design notes").`
            }
          ]
        }
      ]
    }
  }
}

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
  ...LAYERS.map(layerRule)
)
