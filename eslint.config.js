// One lint config for TypeScript and .astro files; Prettier owns formatting (see .prettierrc.json).
import js from '@eslint/js'
import astro from 'eslint-plugin-astro'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.astro/',
      'studio/dist/',
      'studio/.sanity/',
      'releases/',
      'test/output/',
      'bench/output/',
      'src/lib/sanity.types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {globals: {...globals.node, ...globals.browser}},
    rules: {
      // Unused names starting with _ are deliberate (ignored arguments, destructured-away fields).
      // Recap strips control characters from text on purpose, so its patterns name them.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
    },
  },
)
