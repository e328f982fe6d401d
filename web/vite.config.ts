/**
 * Vite build of the browser pages (`npm run build:web`, also `npm run build:playground`) into
 * web/dist (git-ignored, served by `roadgym view`): the viewer (web/client/index.html; it imports
 * the replay schema and decoder from `replay/` and the socket protocol from `web/protocol/`, never
 * `core`) and the playground (web/client/playground.html: web/playground, the whole simulation in
 * a Web Worker; it needs no server, any static file server serves web/dist).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${here}client`,
  base: "./",
  logLevel: "warn",
  // The worker loads TensorFlow.js and the shipped files lazily: code-split chunks need module workers.
  worker: { format: "es" },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: { viewer: `${here}client/index.html`, playground: `${here}client/playground.html` },
      // zod's sources carry `@__PURE__` comments in places Rollup ignores; the notice is noise.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
    },
  },
});
