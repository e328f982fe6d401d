// ESLint over the tree (`npm run lint`; CI runs it after format:check): ESLint's and typescript-eslint's
// recommended rules that need no type information, so a run stays cheap. Prettier owns layout, so no
// formatting rules here. Which folder may import which (DESIGN.md §2) is checked by test/importRules.test.ts.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "web/dist/", "scenario-dsl/generated/", "out/", ".venv/", "python/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // The build scripts and the worker's loader hooks run in Node as plain JavaScript.
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // A closure may read a binding assigned later, once the object it reads is built (makeEnv's
      // `simulation()` getter, for one); `const` there would trade the closure's clear error for a TDZ one.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // STYLE.md 15: a double cast makes a value fit a type it does not have; give it the type instead.
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword']",
          message: "No `as unknown as`: type the value (a narrower parameter type, a type guard, a real object).",
        },
      ],
      // A leading `_` marks a parameter or binding kept on purpose: an interface's argument a class
      // does not need, or the rest of a destructuring that drops some keys.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
);
