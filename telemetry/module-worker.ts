import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on one of our modules, given its URL without extension resolved next to
 * the caller (`new URL('./x-worker', import.meta.url)`). Built (.js) it runs as is; under tsx
 * (npm start, the tests) the module is TypeScript and the worker must register tsx's loader itself,
 * because Node 20 does not apply a worker's `--import` from execArgv.
 */
export function startModuleWorker(base: URL, callerUrl: string): Worker {
  const ext = extname(fileURLToPath(callerUrl));
  const url = new URL(`${base.href}${ext}`);
  if (ext !== '.ts') return new Worker(url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true });
}
