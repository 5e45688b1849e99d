// ESLint flat config: typescript-eslint's type-checked recommended rules for the TypeScript
// projects (server, client, test, test/vscode, scripts), plain recommended rules for the
// JavaScript build scripts, and eslint-config-prettier last so Prettier owns formatting.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      '.test-output/**',
      'bench-results/**',
      'test/fixtures/**',
      'test/vscode/fixtures/**',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { version: _version, ...rest } = data` drops a property on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Rules and fix builders see the model without the file's text (`ModelView`): they read text
    // through the rule context's recording accessors, so an incremental analysis knows what a finding read.
    files: ['server/src/rules/**/*.ts', 'server/src/fixes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/semantic/model'],
              importNames: ['SemanticModel'],
              message: 'Rules and fixes take the model as a ModelView (reading text through textOf).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Test doubles implement async interfaces (connection.sendDiagnostics...) with async functions that have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
