// The sql question's screen: a multi-line SQL editor inside the quiz (no $EDITOR needed) that runs the draft on the
// sample data as often as the candidate likes, beside the task, schema and sample tables (layout: sql-screen.ts).
// Ctrl-R or F5 runs, Ctrl-D submits, Ctrl-E opens $VISUAL/$EDITOR on the draft, Ctrl-C is Inquirer's ExitPromptError.
// Ctrl-T or F2 opens the task view: the task, the whole DDL and every sample row, scrolled with ↑/↓, PgUp/PgDn (and
// Space), Home/End; Esc, Ctrl-T or F2 goes back to the draft as it was. The view only reads: Ctrl-R, Ctrl-D and
// typing do nothing there (a query run or submitted unseen would surprise), while Ctrl-C and the time limit act as
// in the editor.
import {
  createPrompt,
  useEffect,
  useKeypress,
  usePrefix,
  useRef,
  useState,
  type KeypressEvent,
} from '@inquirer/core';
import { ExternalEditor } from '@inquirer/external-editor';
import { MAX_SQL_ANSWER_LENGTH } from '../core/assessment-rules.js';
import type { Question } from '../core/bank-schema.js';
import type { QueryOutcome, SqlSetup } from '../sandbox/sandbox.js';
import {
  backspace,
  bufferOf,
  bufferText,
  deleteForward,
  insertText,
  moveEnd,
  moveHome,
  moveLeft,
  moveRight,
  moveVertical,
  newline,
  type EditBuffer,
} from './edit-buffer.js';
import type { PromptContext } from './prompts.js';
import { askFitted } from './screen.js';
import {
  layoutSqlScreen,
  layoutTaskView,
  PREVIEW_ROWS,
  renderSubmitted,
  type RunState,
  type SampleTables,
} from './sql-screen.js';
import type { TerminalSize } from './text.js';
import type { Theme } from './theme.js';

/** What a sql question needs from the sandbox, and the editor Ctrl-E opens. */
export interface SqlWorkbench {
  /** SQLite's version: the dialect the screen names. */
  version: string;
  tables(setup: SqlSetup): Promise<SampleTables>;
  run(setup: SqlSetup, sql: string, options: { preview: number }): Promise<QueryOutcome>;
  /** $VISUAL or $EDITOR when one is set. */
  editorCommand?: string | undefined;
}

/**
 * What the candidate did on this question so far. The prompt is drawn anew after a resize; this object outlives
 * it, so the draft, the cursor and a run still in flight carry over.
 */
export interface SqlDraft {
  buffer: EditBuffer;
  run: RunState;
  /** A run still in flight, so the prompt drawn after a resize shows its result. */
  pending?: Promise<void>;
  top: number;
  /** The task view: whether it is open and where it was scrolled (kept for the next time it opens). */
  view?: TaskViewState;
}

export interface TaskViewState {
  open: boolean;
  /** The first body line in view; Infinity for the end. */
  top: number;
  /** The body's length and page height at the last drawing: a resize rescales `top`, a page key moves by `page`. */
  total: number;
  page: number;
}

export interface SqlEditorConfig {
  label: string;
  prompt: string;
  version: string;
  schema: string;
  tables: SampleTables;
  /** Runs the draft on the sample data. */
  run: (sql: string) => Promise<QueryOutcome>;
  /** Opens the draft in an external editor and returns the edited text; absent when none is set. */
  edit?: ((draft: string) => Promise<string>) | undefined;
  draft: SqlDraft;
  size: TerminalSize;
  theme: Theme;
}

type Key = KeypressEvent & { sequence?: string; meta?: boolean };

/** readline's fields the editor keeps in step with its own buffer, so the terminal cursor lands where it edits. */
interface LineState {
  line: string;
  cursor: number;
}

/** A key that types text: it carries its characters and no Ctrl or Alt. Control characters never enter the buffer. */
function typedText(key: Key): string | undefined {
  if (key.ctrl || key.meta || !key.sequence) return undefined;
  // eslint-disable-next-line no-control-regex -- a key made of control characters is a command, not text
  return /[\u0000-\u001f\u007f]/.test(key.sequence) ? undefined : key.sequence;
}

const isNewline = (key: Key) => key.name === 'return' || key.name === 'enter';
/** Ctrl-T, or F2 where a terminal or multiplexer keeps Ctrl-T for itself. */
const isViewToggle = (key: Key) => (key.ctrl && key.name === 't') || key.name === 'f2';

/** Scrolls the open task view for a key; false when the key does not scroll. */
function scrollView(view: TaskViewState, key: Key): boolean {
  const moves: Record<string, number> = {
    up: -1,
    down: 1,
    pageup: -view.page,
    pagedown: view.page,
    space: view.page,
    home: -Infinity,
    end: Infinity,
  };
  const by = key.ctrl || key.meta ? undefined : moves[key.name];
  if (by === undefined) return false;
  // Clamped to the body when drawn; from the end, a step up starts from the last page.
  const from = Number.isFinite(view.top) ? view.top : Math.max(0, view.total - view.page);
  view.top = by === -Infinity ? 0 : by === Infinity ? Infinity : Math.max(0, from + by);
  return true;
}

export const sqlEditor = createPrompt<string, SqlEditorConfig>((config, done) => {
  const { draft, theme } = config;
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  // The draft lives in `config.draft` (it outlives this prompt); a new version number draws it.
  const [, setVersion] = useState(0);
  const prefix = usePrefix({ status });
  const line = useRef<LineState | undefined>(undefined);
  /** readline's line and cursor as the last drawing set them. */
  const mirror = useRef<LineState>({ line: ' ', cursor: 0 });
  const alive = useRef(true);
  const scheduled = useRef(false);
  const editing = useRef(false);
  // "\r\n" from a paste arrives as Return then Enter: one new line.
  const afterReturn = useRef(false);

  const redraw = () => setVersion((v) => v + 1);
  /**
   * A paste arrives as one key event per character, all in one tick: the screen is drawn once after the last of
   * them rather than once per character.
   */
  const redrawSoon = () => {
    if (scheduled.current) return;
    scheduled.current = true;
    queueMicrotask(() => {
      scheduled.current = false;
      if (alive.current) redraw();
    });
  };

  const follow = (pending: Promise<void>) => {
    void pending.then(() => {
      if (alive.current) redraw();
    });
  };

  useEffect((rl) => {
    line.current = rl as unknown as LineState;
    alive.current = true;
    if (draft.pending) follow(draft.pending);
    // The first drawing could not place the cursor yet: readline's line was not set.
    redraw();
    return () => {
      alive.current = false;
    };
  }, []);

  const startRun = () => {
    const text = bufferText(draft.buffer);
    draft.run = { state: 'running', text };
    const pending = config
      .run(text)
      .catch((error: unknown): QueryOutcome => ({
        ok: false,
        kind: 'error',
        message: error instanceof Error ? error.message : String(error),
      }))
      .then((outcome) => {
        // Only the latest run's result is shown; an older one finishing late is dropped.
        if (draft.pending === pending) {
          draft.run = { state: 'done', text, outcome };
          draft.pending = undefined;
        }
      });
    draft.pending = pending;
    follow(pending);
  };

  const openEditor = async (rl: { pause: () => void; resume: () => void }) => {
    if (!config.edit) {
      setNotice('No editor is set: set $VISUAL or $EDITOR to edit there, or keep editing here.');
      return;
    }
    editing.current = true;
    rl.pause();
    try {
      const edited = await config.edit(bufferText(draft.buffer));
      draft.buffer = bufferOf(edited.replace(/\n+$/, ''));
      setNotice(undefined);
    } catch (error) {
      setNotice(`The editor did not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      rl.resume();
      editing.current = false;
    }
    if (alive.current) redraw();
  };

  useKeypress((event, rl) => {
    const key = event as Key;
    // readline saw this key first and edited its own line: Enter empties it, and an empty line would let its
    // Ctrl-D close the input before the next drawing restores it (keys of a paste come before any drawing).
    if (line.current) Object.assign(line.current, mirror.current);
    if (status === 'done' || editing.current) return;
    const view = draft.view;
    if (view?.open) {
      if (isViewToggle(key) || key.name === 'escape') view.open = false;
      else scrollView(view, key);
      // Every other key is ignored here; drawn anyway, as readline may have moved the terminal's cursor.
      redrawSoon();
      return;
    }
    if (isViewToggle(key)) {
      draft.view = { top: 0, total: 0, page: 1, ...view, open: true };
      setNotice(undefined);
      redrawSoon();
      return;
    }
    const wasReturn = afterReturn.current;
    afterReturn.current = key.name === 'return';
    if (afterReturn.current)
      setImmediate(() => {
        afterReturn.current = false;
      });
    if (key.ctrl && key.name === 'd') {
      const query = bufferText(draft.buffer).replace(/\s+$/, '');
      if (query.trim() === '') {
        setNotice('Write a query first: Ctrl-D submits it.');
        return;
      }
      // A result file carries queries up to this length and import refuses longer ones: say so while it can be fixed.
      if (query.length > MAX_SQL_ANSWER_LENGTH) {
        setNotice(
          `The query is ${query.length.toLocaleString('en')} characters; an answer takes at most ${MAX_SQL_ANSWER_LENGTH.toLocaleString('en')} characters.`,
        );
        return;
      }
      setStatus('done');
      done(query);
      return;
    }
    if ((key.ctrl && key.name === 'r') || key.name === 'f5') {
      if (bufferText(draft.buffer).trim() === '') {
        setNotice('Nothing to run yet: write a query first.');
        return;
      }
      setNotice(undefined);
      startRun();
      redraw();
      return;
    }
    if (key.ctrl && key.name === 'e') {
      void openEditor(rl);
      return;
    }
    const before = draft.buffer;
    const text = typedText(key);
    if (isNewline(key)) {
      if (!(key.name === 'enter' && wasReturn)) draft.buffer = newline(draft.buffer);
    } else if (key.name === 'tab') draft.buffer = insertText(draft.buffer, '\t');
    else if (key.name === 'backspace') draft.buffer = backspace(draft.buffer);
    else if (key.name === 'delete') draft.buffer = deleteForward(draft.buffer);
    else if (key.name === 'left') draft.buffer = moveLeft(draft.buffer);
    else if (key.name === 'right') draft.buffer = moveRight(draft.buffer);
    else if (key.name === 'up') draft.buffer = moveVertical(draft.buffer, -1);
    else if (key.name === 'down') draft.buffer = moveVertical(draft.buffer, 1);
    else if (key.name === 'home') draft.buffer = moveHome(draft.buffer);
    else if (key.name === 'end') draft.buffer = moveEnd(draft.buffer);
    else if (text !== undefined) draft.buffer = insertText(draft.buffer, text);
    if (draft.buffer !== before && notice) setNotice(undefined);
    // Drawn even when nothing changed: readline handled the key too and may have moved the terminal's cursor.
    redrawSoon();
  });

  if (status === 'done')
    return renderSubmitted(
      { prefix, label: config.label, prompt: config.prompt, size: config.size, theme },
      bufferText(draft.buffer).replace(/\s+$/, ''),
    );
  if (draft.view?.open) {
    const view = draft.view;
    const task = (top: number) =>
      layoutTaskView({
        prefix,
        label: config.label,
        prompt: config.prompt,
        version: config.version,
        schema: config.schema,
        tables: config.tables,
        size: config.size,
        theme,
        top,
      });
    let shown = task(view.top);
    // Another width wraps the body to another length: the same share of it stays in view, the end at the end.
    if (view.total > 0 && shown.total !== view.total && Number.isFinite(view.top))
      shown = task(
        view.top + view.page >= view.total ? Infinity : Math.round((view.top * shown.total) / view.total),
      );
    Object.assign(view, { top: shown.top, total: shown.total, page: shown.page });
    // The status line is last: with readline's line one space, the hidden cursor rests at its end.
    mirror.current = { line: ' ', cursor: 0 };
    if (line.current) Object.assign(line.current, mirror.current);
    return [`${shown.content}\u001b[?25l`, ''];
  }
  const screen = layoutSqlScreen({
    prefix,
    label: config.label,
    prompt: config.prompt,
    version: config.version,
    schema: config.schema,
    tables: config.tables,
    buffer: draft.buffer,
    run: draft.run,
    ...(notice ? { notice } : {}),
    externalEditor: config.edit !== undefined,
    size: config.size,
    theme,
    top: draft.top,
  });
  draft.top = screen.top;
  // Inquirer puts the terminal's cursor after the content's last line minus readline's line: with the line set to
  // the text after the gutter, the cursor lands where the editor's is. The line always ends in a space, so it is
  // never empty and readline's own Ctrl-D (close on an empty line) never fires.
  mirror.current = { line: screen.cursorLine.text, cursor: screen.cursorLine.cursor };
  if (line.current) Object.assign(line.current, mirror.current);
  return [`${screen.content}\u001b[?25h`, screen.bottom];
});

/** Opens `text` in the given editor command on a temporary file and returns what the file holds afterwards. */
export function editExternally(text: string, command: string): Promise<string> {
  const editor = new ExternalEditor(text, { prefix: 'backend-quiz-', postfix: '.sql' });
  const [bin = command, ...args] = command.trim().split(/\s+/);
  editor.editor = { bin, args };
  return editor.runAsync();
}

/**
 * Asks a sql question: the sample tables are read once, then the editor is drawn for the terminal's size, and
 * drawn again after a resize with the same draft. Resolves with the submitted query.
 */
export async function askSqlQuestion(
  question: Question,
  label: string,
  theme: Theme,
  context: PromptContext,
  workbench: SqlWorkbench,
): Promise<string> {
  const task = question.sql;
  if (!task) throw new Error(`question ${question.id} has no SQL task`);
  const setup: SqlSetup = { schema: task.schema, data: task.sample };
  const tables = await workbench.tables(setup);
  const draft: SqlDraft = { buffer: bufferOf(''), run: { state: 'none' }, top: 0 };
  const command = workbench.editorCommand?.trim();
  return askFitted(context, (size, ask) =>
    sqlEditor(
      {
        label,
        prompt: question.prompt,
        version: workbench.version,
        schema: task.schema,
        tables,
        run: (sql) => workbench.run(setup, sql, { preview: PREVIEW_ROWS }),
        edit: command ? (text) => editExternally(text, command) : undefined,
        draft,
        size,
        theme,
      },
      ask,
    ),
  );
}
