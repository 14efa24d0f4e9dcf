// Empty: lets vitest import modules marked server-only.
