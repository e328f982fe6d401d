// Last step of `npm run build`: writes dist/.build-stamp, whose modification time tells
// scripts/start.mjs when the build finished (a build that failed half way writes none).
import { writeFileSync } from "node:fs";

writeFileSync(new URL("../dist/.build-stamp", import.meta.url), new Date().toISOString() + "\n");
