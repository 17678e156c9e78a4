// backend-quiz with no arguments: a home menu for people who would rather not remember commands.
import { loadValidBanks } from '../../bank/banks.js';
import { openDatabase } from '../../store/database.js';
import { SessionStore } from '../../store/sessions.js';
import { askHomeChoice, askQuizSettings } from '../../ui/prompts.js';
import { DIFFICULTY_CHOICES, type DifficultyChoice } from '../../core/selection.js';
import { requireTerminal, type CommandContext } from '../context.js';
import { absolutePaths } from '../session-setup.js';

export interface RunHomeOptions extends CommandContext {
  banks: string[];
}

function countResumable(dbPath: string): number {
  const db = openDatabase(dbPath);
  try {
    return new SessionStore(db).listResumable().length;
  } finally {
    db.close();
  }
}

export async function runHome(options: RunHomeOptions): Promise<void> {
  requireTerminal(options, 'backend-quiz');
  const context = { input: options.stdin, output: options.stdout };
  for (;;) {
    const { countDue } = await import('./review.js');
    const due = await countDue(options);
    const choice = await askHomeChoice(context, countResumable(options.dbPath), due);
    switch (choice) {
      case 'quiz':
      case 'practice': {
        const practice = choice === 'practice';
        const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
        const domains = banks.map((b) => ({ id: b.domain, title: b.title, questions: b.questions.length }));
        const settings = await askQuizSettings(domains, DIFFICULTY_CHOICES, context, !practice);
        const { runQuiz } = await import('./quiz.js');
        await runQuiz({
          ...options,
          ...settings,
          difficulty: settings.difficulty as DifficultyChoice,
          practice,
        });
        break;
      }
      case 'review': {
        const { runReview } = await import('./review.js');
        await runReview({ ...options, topics: [] });
        break;
      }
      case 'progress': {
        const { runProgress } = await import('./progress.js');
        await runProgress({ ...options, json: false, weeks: 8, weakest: 5 });
        break;
      }
      case 'resume': {
        const { runResume } = await import('./resume.js');
        await runResume(options);
        break;
      }
      case 'history': {
        const { runHistory } = await import('./history.js');
        runHistory({ ...options, json: false, limit: 20 });
        break;
      }
      case 'banks': {
        const { runBanks } = await import('./banks.js');
        await runBanks({ ...options, json: false });
        break;
      }
      case 'quit':
        return;
    }
  }
}
