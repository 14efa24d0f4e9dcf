import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

const config = [
  ...nextVitals,
  ...nextTs,
  // Type-aware rules: floating promises, misused promises, unsafe `any`.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["**/*.{ts,tsx,mts}"] })),
  {
    files: ["**/*.{ts,tsx,mts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Next's contracts (server components, route config, server actions) are
      // async functions whether or not a given one awaits; the rule flags the contract.
      "@typescript-eslint/require-await": "off",
    },
  },
  // Tests read JSON and use asymmetric matchers (`expect.stringContaining`), which are `any` by design.
  {
    files: ["**/*.test.ts", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  // Raw SQL lives in db/ only (DECISIONS.md, "Data access").
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "auth.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='$client']",
          message: "Raw SQL belongs in db/queries; call a query function.",
        },
      ],
    },
  },
  // A delete or update with no where clause empties or rewrites a whole table.
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  // One home for the product's vocabulary: lib/ and components/ never reach into the schema.
  {
    files: ["lib/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db/schema", "**/db/schema"], message: "Import roles and statuses from @/lib/vocabulary." },
          ],
        },
      ],
    },
  },
  {
    // Server actions are the write boundary: the form state and formatters they share with
    // the forms live in lib/, so an action never pulls UI code into the server bundle.
    files: ["app/**/actions.ts", "app/**/*-actions.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "**/components/*"], message: "Move what both need to lib/." }] },
      ],
    },
  },
  // Formatting is Prettier's job (`npm run lint` runs `prettier --check`).
  prettier,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
