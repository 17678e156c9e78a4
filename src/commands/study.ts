// What studying adds to a session: feedback after each practice answer, the review's self-rating, and the spaced-
// review memory that every answer of the learner's own sessions (quiz, practice, review) updates.
import { contentHash, gradeFor, schedule, type SelfRating } from '../core/spaced-review.js';
import type { Db } from '../store/database.js';
import { LEARNER_KINDS, MemoryStore } from '../store/memory.js';
import type { SessionMode } from '../store/sessions.js';
import { askSelfRating } from '../ui/prompts.js';
import { renderFeedback } from '../ui/study.js';
import { terminalSize } from '../ui/text.js';
import { createTheme } from '../ui/theme.js';
import { isoTime, print, type CommandContext } from './context.js';
import type { PlaySessionOptions } from './play-session.js';

export function studyOptions(
  ctx: CommandContext,
  db: Db,
  session: { kind: string; mode: SessionMode },
): Pick<PlaySessionOptions, 'afterAnswer'> & { review?: boolean } {
  if (!(LEARNER_KINDS as readonly string[]).includes(session.kind)) return {};
  const memory = new MemoryStore(db);
  const theme = createTheme(ctx.color);
  const practice = session.mode === 'practice';
  const rate = session.kind === 'review';
  return {
    // Practice already showed each explanation; the end-of-quiz review of misses would repeat them.
    ...(practice ? { review: false } : {}),
    afterAnswer: async ({ question, response, correct, reason }) => {
      if (practice)
        print(
          ctx.stdout,
          renderFeedback(question, response, correct, theme, terminalSize(ctx.stdout).columns, reason),
        );
      let rating: SelfRating = 'good';
      try {
        // Only a right answer has a degree: a wrong one is always Again.
        if (rate && correct) rating = await askSelfRating({ input: ctx.stdin, output: ctx.stdout });
      } finally {
        // Ctrl-C at the rating still schedules the answer (as Good) before the session is saved as interrupted.
        const now = ctx.now();
        try {
          memory.save(
            schedule(
              memory.get(question.id),
              question.id,
              contentHash(question),
              gradeFor(correct, rating),
              new Date(now),
            ),
            isoTime(now),
          );
        } catch (error) {
          // The answer itself is already stored; a schedule that could not be written must not end the quiz.
          print(
            ctx.stderr,
            `backend-quiz: the review schedule of ${question.id} was not updated: ${(error as Error).message}`,
          );
        }
      }
    },
  };
}
