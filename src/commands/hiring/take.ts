// backend-quiz take: a candidate takes an assessment and gets a result file to send back. From a bundle (sealed:
// no key on this machine, the manager grades) or from an assessment file and the banks (an open, practice-style run).
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { readAssessment } from '../../bank/read-assessment.js';
import { looksLikeBundle } from '../../bundle/read.js';
import { selectAssessmentItems, type Assessment } from '../../core/assessment.js';
import { candidateFieldProblem } from '../../core/assessment-rules.js';
import type { Question } from '../../core/bank-schema.js';
import { createRandom } from '../../core/random.js';
import { minutesToMs } from '../../core/timer.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore } from '../../store/measurement.js';
import { SessionStore } from '../../store/sessions.js';
import { adaptivePlan, type AdaptiveSettings } from '../item-pool.js';
import { askText } from '../../ui/prompts.js';
import { terminalSize, wrapText } from '../../ui/text.js';
import { createTheme } from '../../ui/theme.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { isoTime, print, requireTerminal, resumeCommand, type CommandContext } from '../context.js';
import { playSession } from '../play-session.js';
import { absolutePaths, domainTitles, newSeed, newSessionId } from '../session-setup.js';
import { openBundleFile } from './open-bundle.js';
import { writeResultFile, type AssessmentSettings } from './write-result.js';

export interface RunTakeOptions extends CommandContext {
  /** An assessment file (with banks) or a bundle. */
  assessment: string;
  out?: string;
  banks: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where the questions of a take come from. */
interface TakeSource {
  assessment: Assessment;
  hash: string;
  questions: Question[];
  titles: Record<string, string>;
  bankPaths: string[];
  bankHashes: Record<string, string>;
  bundle?: AssessmentSettings['bundle'];
}

async function assessmentSource(file: string, options: RunTakeOptions): Promise<TakeSource> {
  const bankPaths = absolutePaths(options.banks, options.cwd);
  const banks = await loadValidBanks(bankPaths, options.cwd);
  const questions = banks.flatMap((b) => b.questions);
  const { assessment, hash } = readAssessment(file, options.assessment, questions);
  const used = new Set(assessment.domains.map((d) => d.id));
  return {
    assessment,
    hash,
    questions,
    titles: domainTitles(banks),
    bankPaths,
    bankHashes: Object.fromEntries(banks.filter((b) => used.has(b.domain)).map((b) => [b.domain, b.hash])),
  };
}

async function bundleSource(file: string, options: RunTakeOptions): Promise<TakeSource> {
  const opened = await openBundleFile(file, options.assessment, options);
  return {
    assessment: opened.content.assessment,
    hash: opened.content.assessmentHash,
    questions: opened.questions,
    titles: opened.titles,
    bankPaths: [],
    bankHashes: {},
    bundle: { id: opened.id, path: file, hash: opened.hash, sealed: opened.sealed },
  };
}

export async function runTake(options: RunTakeOptions): Promise<string> {
  requireTerminal(options, 'backend-quiz take');
  const file = path.resolve(options.cwd, options.assessment);
  const source = looksLikeBundle(file, options.assessment)
    ? await bundleSource(file, options)
    : await assessmentSource(file, options);
  const { assessment, questions: allQuestions } = source;
  const theme = createTheme(options.color);
  const context = { input: options.stdin, output: options.stdout };

  print(options.stdout, theme.bold(sanitizeLine(assessment.title)));
  if (!source.bundle)
    print(
      options.stdout,
      theme.yellow(
        'Open, practice-style run: the banks on this machine hold the answer key. Hiring assessments come as a sealed bundle (backend-quiz assessment pack).',
      ),
    );
  else if (!source.bundle.sealed)
    print(
      options.stdout,
      theme.yellow('This bundle is open: it carries the answer key, so it is not sealed.'),
    );
  else
    print(
      options.stdout,
      theme.dim('Sealed assessment: no answer key on this machine; the hiring manager grades your answers.'),
    );
  const name = (
    await askText('Your name', context, (v) =>
      v.trim() ? (candidateFieldProblem('name', v.trim())?.message ?? true) : 'Please enter your name',
    )
  ).trim();
  const email = (
    await askText('Your email', context, (v) =>
      EMAIL.test(v.trim())
        ? (candidateFieldProblem('email', v.trim())?.message ?? true)
        : 'Please enter an email address',
    )
  ).trim();

  const seed = assessment.seedPolicy === 'same-for-all' ? assessment.seed! : newSeed();
  const items = assessment.adaptive
    ? []
    : selectAssessmentItems(assessment, allQuestions, createRandom(seed));
  const adaptive: AdaptiveSettings | undefined = assessment.adaptive
    ? {
        seTarget: assessment.seTarget,
        maxLength: assessment.domains.reduce((n, d) => n + (d.count ?? d.questions?.length ?? 0), 0),
        targets: Object.fromEntries(
          assessment.domains.map((d) => [d.id, d.count ?? d.questions?.length ?? 1]),
        ),
      }
    : undefined;
  const used = new Set(adaptive ? Object.keys(adaptive.targets) : items.map((i) => i.domain));
  const settings: AssessmentSettings = {
    id: assessment.id,
    title: assessment.title,
    passMark: assessment.passMark,
    hash: source.hash,
    showExplanations: assessment.showExplanations,
    bankHashes: Object.fromEntries(Object.entries(source.bankHashes).filter(([d]) => used.has(d))),
    out: path.resolve(options.cwd, options.out ?? '.'),
    ...(source.bundle ? { bundle: source.bundle } : {}),
  };
  const db = openDatabase(options.dbPath);
  try {
    const store = new SessionStore(db);
    const id = newSessionId();
    store.create({
      id,
      kind: 'assessment',
      startedAt: isoTime(options.now()),
      seed,
      timeLimitMs: minutesToMs(assessment.timeLimit),
      settings: {
        topics: [...used],
        difficulty: 'mixed',
        count: adaptive?.maxLength ?? items.length,
        banks: source.bankPaths,
        assessment: settings,
        ...(adaptive ? { adaptive } : {}),
      },
      items,
      candidate: { name, email },
      assessmentId: assessment.id,
    });
    const limit = assessment.timeLimit === undefined ? 'no time limit' : `${assessment.timeLimit} min`;
    print(
      options.stdout,
      theme.dim(
        wrapText(
          `Session ${id} · ${adaptive ? `adaptive, up to ${adaptive.maxLength}` : items.length} questions · ${limit} · Ctrl-C saves; resume with ${resumeCommand(options, id)}`,
          terminalSize(options.stdout).columns,
        ),
      ),
    );
    const questions = new Map(allQuestions.map((q) => [q.id, q]));
    const measurement = new MeasurementStore(db);
    await playSession({
      ctx: options,
      store,
      sessionId: id,
      questions,
      titles: source.titles,
      review: assessment.showExplanations,
      graded: source.bundle?.sealed !== true,
      ...(adaptive
        ? {
            adaptive: adaptivePlan(adaptive, allQuestions, measurement.params(), seed, (e) =>
              measurement.setAbility(id, e.theta, e.se),
            ),
          }
        : {}),
    });
    const file = writeResultFile(options, store, id, questions);
    print(
      options.stdout,
      `\nResult written to ${path.relative(options.cwd, file) || file}. Send this file to the hiring manager.`,
    );
    return file;
  } finally {
    db.close();
  }
}
