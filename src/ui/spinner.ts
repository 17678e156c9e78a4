// Progress for slow steps (loading banks, importing): ora on a terminal, silent elsewhere.
import ora from 'ora';

export async function withSpinner<T>(
  text: string,
  stream: NodeJS.WritableStream,
  work: () => Promise<T> | T,
): Promise<T> {
  const spinner = ora({
    text,
    stream: stream,
    isEnabled: (stream as NodeJS.WriteStream).isTTY === true,
    discardStdin: false,
  });
  spinner.start();
  try {
    const result = await work();
    spinner.stop();
    return result;
  } catch (error) {
    spinner.stop();
    throw error;
  }
}
