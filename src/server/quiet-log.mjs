/**
 * "Access is not logged": the server's own messages never mention a request, but a library's
 * error message might (Astro's adapter writes "Could not render <url>" with a stack). This
 * filter sits on the process's output: it removes paths and queries from URLs and drops stack
 * frames, so a receipt link, a query or a path a reporter visited cannot end up in a log file.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
const URL_WITH_PATH = /\b(https?:\/\/[^\s/'"]+)\/[^\s'"]+/g;
const RENDERING = /((?:render|rendering)) \/\S*/g;
const STACK_FRAME = /^\s+at .*$\n?/gm;

export function redact(text) {
  return text.replace(STACK_FRAME, '').replace(URL_WITH_PATH, '$1/…').replace(RENDERING, '$1 …');
}

/** Routes everything written to stdout and stderr through redact(). */
export function quietProcessOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      if (typeof chunk === 'string') return write(redact(chunk), ...rest);
      if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) return write(redact(Buffer.from(chunk).toString('utf8')), ...rest);
      return write(chunk, ...rest);
    };
  }
}
