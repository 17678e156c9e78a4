// Progress for slow steps (calibrating, importing, reporting): an ora spinner on a terminal, nothing elsewhere.
// ora is imported only when a spinner will actually show, so scripts and CI never pay for loading it.

/** Sets the spinner's text and draws it at once: synchronous work (an EM cycle) never lets the timer run. */
export type Progress = (text: string) => void;

const silent: Progress = () => {};

export async function withSpinner<T>(
  text: string,
  stream: NodeJS.WritableStream,
  work: (progress: Progress) => Promise<T> | T,
  options: { enabled?: boolean } = {},
): Promise<T> {
  if ((stream as NodeJS.WriteStream).isTTY !== true || options.enabled === false) return work(silent);
  const { default: ora } = await import('ora');
  // While it spins, ora replaces `write` on the stream it draws to. On the terminal filter's proxy that assignment
  // lands on the real stream underneath, which ora also hooks, and each write then calls the other forever. ora
  // gets an object of its own that inherits everything from the stream, so its hook stays on that object.
  const own = Object.create(stream) as NodeJS.WritableStream;
  // We have already decided a terminal is watching: ora's own check would also turn it off whenever CI is set.
  const spinner = ora({ text, stream: own, discardStdin: false, isEnabled: true }).start();
  let drawn = 0;
  const progress: Progress = (next) => {
    spinner.text = next;
    // At most one frame per 80 ms, as the spinner's own timer would draw.
    const now = Date.now();
    if (now - drawn >= 80) {
      drawn = now;
      spinner.render();
    }
  };
  try {
    return await work(progress);
  } finally {
    spinner.stop();
  }
}
