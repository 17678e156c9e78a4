// Where output leaves the program: terminals get a filtered stream, files are opened up front so a bad path fails
// before any work, and waiting on a stream never outlives the stream (a failed write rejects instead of hanging).
import { once } from 'node:events';
import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { OutputError } from '../core/errors.js';
import { sanitizeText, terminalSafe } from '../core/sanitize.js';

type Writable = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * The stream commands write to: a terminal gets everything through terminalSafe (one place, so no new output path
 * can forget it); pipes and files get the bytes as they are.
 */
export function terminalStream<S extends Writable>(stream: S): S {
  return filtered(stream, terminalSafe);
}

/**
 * For exports (CSV, Markdown, HTML, JSON) shown on a terminal: they carry no colours of ours, so every escape
 * sequence goes, colours included. Redirected to a file or a pipe, they keep their exact bytes.
 */
export function exportStream<S extends Writable>(stream: S): S {
  return filtered(stream, sanitizeText);
}

function filtered<S extends Writable>(stream: S, filter: (text: string) => string): S {
  if (stream.isTTY !== true) return stream;
  // The stream's own write, taken now: a library that hooks `write` later (ora does, to clear its spinner) wraps
  // this filter, and calling the hooked one from here would loop.
  const original = (stream.write as (...args: unknown[]) => boolean).bind(stream);
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    return original(filter(text), ...rest);
  };
  // A library that wraps `write` (ora does, to keep its spinner tidy) replaces it on this proxy only: written
  // through to the stream, the wrapper and the filter would call each other without end.
  let replaced: unknown;
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return replaced ?? write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(target, property, value: unknown) {
      if (property !== 'write') return Reflect.set(target, property, value, target);
      replaced = value === write ? undefined : value;
      return true;
    },
  });
}

/** Opens a file for writing now, so a folder, a missing folder or no permission is one clear error. */
export function openOutputFile(file: string, shown: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    throw new OutputError(shown, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  try {
    return createWriteStream('', { fd });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Opens `file`, lets `write` fill it (streaming with backpressure if it likes) and waits until every byte is on disk.
 * Any failure, at opening or on the way, is an OutputError naming the file.
 */
export async function writeToFile(
  file: string,
  shown: string,
  write: (out: WriteStream) => Promise<void> | void,
): Promise<void> {
  const stream = openOutputFile(file, shown);
  const failed = new Promise<never>((_resolve, reject) =>
    stream.on('error', (error: NodeJS.ErrnoException) =>
      reject(new OutputError(shown, error.code ?? String(error))),
    ),
  );
  failed.catch(() => undefined); // observed below; this only keeps an early failure from being "unhandled"
  await Promise.race([Promise.resolve(write(stream)), failed]);
  stream.end();
  await Promise.race([once(stream, 'close'), failed]);
}
