// Progress for slow steps (calibrating, importing, reporting): an ora spinner on a terminal, nothing elsewhere.
// ora is imported only when a spinner will actually show, so scripts and CI never pay for loading it.

export async function withSpinner<T>(
  text: string,
  stream: NodeJS.WritableStream,
  work: () => Promise<T> | T,
): Promise<T> {
  if ((stream as NodeJS.WriteStream).isTTY !== true) return work();
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream: stream, discardStdin: false }).start();
  try {
    return await work();
  } finally {
    spinner.stop();
  }
}
