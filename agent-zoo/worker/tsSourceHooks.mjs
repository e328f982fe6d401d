// Module hooks for running roadgym's TypeScript sources in a worker thread during development and
// tests (vitest runs the sources; Node 20 cannot strip types). A `.js` import whose file does not
// exist but whose `.ts` sibling does loads the `.ts`, transpiled by the `typescript` package (a dev
// dependency). The built package (dist/) runs plain JavaScript and never loads this file.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export async function resolve(specifier, context, next) {
  if (specifier.endsWith(".js") && (specifier.startsWith(".") || specifier.startsWith("file:"))) {
    const url = new URL(specifier, context.parentURL);
    if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
      const tsUrl = new URL(url.href.replace(/\.js$/, ".ts"));
      if (existsSync(fileURLToPath(tsUrl))) return { url: tsUrl.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith("file:") && url.endsWith(".ts")) {
    const source = readFileSync(fileURLToPath(url), "utf8");
    const out = ts.transpileModule(source, {
      fileName: fileURLToPath(url),
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    return { format: "module", source: out.outputText, shortCircuit: true };
  }
  return next(url, context);
}
