/**
 * Vite build of the viewer's browser client (`npm run build:web`): web/client → web/dist (git-ignored,
 * served by `roadgym view`). The client imports the replay schema and decoder from `replay/` and the
 * socket protocol from `web/protocol/`, never `core`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${here}client`,
  base: "./",
  logLevel: "warn",
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      // zod's sources carry `@__PURE__` comments in places Rollup ignores; the notice is noise.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
    },
  },
});
