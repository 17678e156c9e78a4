// Reading an input file (bank, answers, assessment, result file, responses CSV) safely: regular files only, so a
// FIFO or a device never blocks or floods; the bytes actually read are bounded, not the size the file claims; the
// text must be UTF-8. Standard input is read to its end, however slowly it arrives.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeSystemError } from '../core/errors.js';

/** Why an input was refused: `reason` completes "cannot read <file>: ". */
export type InputRead =
  | { ok: true; text: string; bytes: Buffer }
  | { ok: false; kind: 'unreadable' | 'too-large' | 'encoding'; reason: string };

const unreadable = (error: unknown): InputRead => ({
  ok: false,
  kind: 'unreadable',
  reason: describeSystemError((error as NodeJS.ErrnoException).code ?? String(error)),
});

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** UTF-16 and UTF-32 files (a byte-order mark, or NUL bytes in the first characters) are named, not misread. */
export function encodingProblem(bytes: Buffer): string | undefined {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff))
    return 'the file is UTF-32; save it as UTF-8';
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'the file is UTF-16; save it as UTF-8';
  const head = bytes.subarray(0, 4);
  if (head.length >= 2 && head.includes(0))
    return head.length === 4 && head.filter((x) => x === 0).length === 3
      ? 'the file is UTF-32; save it as UTF-8'
      : 'the file is UTF-16; save it as UTF-8';
  return undefined;
}

function decoded(bytes: Buffer): InputRead {
  const problem = encodingProblem(bytes);
  if (problem) return { ok: false, kind: 'encoding', reason: problem };
  return { ok: true, text: bytes.toString('utf8').replace(/^\ufeff/, ''), bytes };
}

/** Reads at most `maxBytes` of a regular file; anything else is refused with a reason a person can act on. */
export function readInputFile(file: string, maxBytes: number): InputRead {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once instead of waiting for one.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, kind: 'unreadable', reason: 'it is a folder, not a file' };
    if (!stat.isFile())
      return {
        ok: false,
        kind: 'unreadable',
        reason: 'it is not a regular file (a pipe, device or socket); save the content to a file first',
      };
    const tooLarge = {
      ok: false as const,
      kind: 'too-large' as const,
      reason: `the file is larger than ${mib(maxBytes)}`,
    };
    if (stat.size > maxBytes) return tooLarge;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return tooLarge;
    }
    return decoded(Buffer.concat(chunks, total));
  } catch (error) {
    return unreadable(error);
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (standard input) to its end, stopping as soon as it passes `maxBytes`. */
export async function readInputStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<InputRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      total += bytes.length;
      if (total > maxBytes)
        return { ok: false, kind: 'too-large', reason: `the input is larger than ${mib(maxBytes)}` };
    }
  } catch (error) {
    return unreadable(error);
  }
  return decoded(Buffer.concat(chunks, total));
}
