// Backpressure that cannot hang: waiting for 'drain' on a stream that failed or closed rejects instead.
import { once } from 'node:events';

/** Resolves when the stream can take more, rejects if it fails or closes first (a drain that never comes). */
export async function drained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  if (stream.destroyed === true) throw new Error('the output closed');
  const controller = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: controller.signal }),
      once(stream, 'close', { signal: controller.signal }).then(() => {
        throw new Error('the output closed');
      }),
    ]);
  } finally {
    controller.abort();
  }
}
