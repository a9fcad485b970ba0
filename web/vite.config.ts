import { defineConfig } from "vitest/config";

// The output goes into the web module's jar (the Maven build passes --outDir); assets get content
// hashes in their names, which is what lets the API serve them as immutable.
export default defineConfig({
  base: "/",
  build: {
    target: "es2022",
    assetsDir: "assets",
    // no inline assets: the page's CSP allows scripts and styles from 'self' only
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
