// backend-quiz banks: the domains on offer and how many questions each has, by difficulty.
import { loadValidBanks } from '../../bank/banks.js';
import { DIFFICULTIES, type Bank, type Difficulty } from '../../core/bank-schema.js';
import { renderTable } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';
import { absolutePaths } from '../session-setup.js';

export interface RunBanksOptions extends CommandContext {
  json: boolean;
  banks: string[];
}

export interface BankSummary {
  id: string;
  title: string;
  questions: number;
  byDifficulty: Record<Difficulty, number>;
}

export function summarizeBank(bank: Bank): BankSummary {
  const byDifficulty = Object.fromEntries(DIFFICULTIES.map((d) => [d, 0])) as Record<Difficulty, number>;
  for (const q of bank.questions) byDifficulty[q.difficulty]++;
  return { id: bank.domain, title: bank.title, questions: bank.questions.length, byDifficulty };
}

export async function runBanks(options: RunBanksOptions): Promise<BankSummary[]> {
  const summaries = (await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd)).map(
    summarizeBank,
  );
  if (options.json) print(options.stdout, JSON.stringify(summaries, null, 2));
  else {
    const theme = createTheme(options.color);
    const rows = summaries.map((s) => [
      s.id,
      s.title,
      String(s.questions),
      ...DIFFICULTIES.map((d) => String(s.byDifficulty[d])),
    ]);
    print(options.stdout, renderTable(['id', 'title', 'questions', ...DIFFICULTIES], rows, theme));
  }
  return summaries;
}
