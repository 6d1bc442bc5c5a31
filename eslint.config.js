// Lint config: typescript-eslint's recommended rules plus the few house rules that keep the
// pure core pure (no console or process access outside the edges).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', '**/.databricks/**', 'examples/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The core reads no environment, clock or console: those come in through Io.
    files: ['src/**/*.ts'],
    ignores: ['src/ports/**', 'src/**/*.test.ts', 'src/cli/bin.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Use the injected Io (src/ports/io.ts).' }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
