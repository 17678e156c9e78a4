// Progress of one learner: share answered right per domain and subtopic by ISO week, what is due, what to study next.
import type { Question } from './bank-schema.js';
import { contentHash, isDue, type MemoryState } from './spaced-review.js';

/** The answers to one question on one day. */
export interface ProgressTally {
  questionId: string;
  domain: string;
  /** UTC date, YYYY-MM-DD. */
  day: string;
  answered: number;
  correct: number;
}

export interface ProgressBank {
  domain: string;
  title: string;
  subtopics: Record<string, string>;
  questions: Question[];
}

export interface WeekTally {
  /** ISO 8601 week, e.g. 2026-W48. */
  week: string;
  answered: number;
  correct: number;
  /** 0–100, one decimal; null for a week without answers. */
  percent: number | null;
}

export interface Tally {
  answered: number;
  correct: number;
  percent: number | null;
}

export interface SubtopicProgress extends Tally {
  id: string;
  title: string;
  weeks: WeekTally[];
}

export interface DomainProgress extends Tally {
  id: string;
  title: string;
  due: number;
  weeks: WeekTally[];
  subtopics: SubtopicProgress[];
}

export interface WeakSubtopic extends Tally {
  domain: string;
  subtopic: string;
  title: string;
  /** References of the questions missed in this subtopic, most often missed first. */
  references: string[];
}

export interface ProgressReport {
  generatedAt: string;
  weeks: string[];
  total: Tally;
  due: { now: number; next7Days: number };
  domains: DomainProgress[];
  weakest: WeakSubtopic[];
}

export interface ProgressOptions {
  now: Date;
  /** How many ISO weeks the charts cover, ending with the current one. */
  weeks: number;
  /** How many weakest subtopics to list. */
  weakest: number;
}

const DAY_MS = 86_400_000;

/** ISO 8601 week of a UTC instant: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The `count` ISO weeks ending with the one holding `now`, oldest first. */
export function recentWeeks(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    isoWeek(new Date(now.getTime() - (count - 1 - i) * 7 * DAY_MS)),
  );
}

const percent = (correct: number, answered: number): number | null =>
  answered === 0 ? null : Math.round((1000 * correct) / answered) / 10;

class Counter {
  answered = 0;
  correct = 0;
  readonly byWeek = new Map<string, { answered: number; correct: number }>();

  add(answered: number, correct: number, week: string): void {
    this.answered += answered;
    this.correct += correct;
    const w = this.byWeek.get(week) ?? { answered: 0, correct: 0 };
    w.answered += answered;
    w.correct += correct;
    this.byWeek.set(week, w);
  }

  tally(): Tally {
    return { answered: this.answered, correct: this.correct, percent: percent(this.correct, this.answered) };
  }

  weeks(weeks: string[]): WeekTally[] {
    return weeks.map((week) => {
      const w = this.byWeek.get(week) ?? { answered: 0, correct: 0 };
      return { week, ...w, percent: percent(w.correct, w.answered) };
    });
  }
}

function counter<K>(map: Map<K, Counter>, key: K): Counter {
  let c = map.get(key);
  if (!c) map.set(key, (c = new Counter()));
  return c;
}

export function buildProgress(
  tallies: readonly ProgressTally[],
  banks: readonly ProgressBank[],
  states: readonly MemoryState[],
  options: ProgressOptions,
): ProgressReport {
  const { now } = options;
  const weeks = recentWeeks(now, options.weeks);
  const questions = new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
  const total = new Counter();
  const byDomain = new Map<string, Counter>();
  const bySubtopic = new Map<string, Counter>();
  const missedRefs = new Map<string, Map<string, number>>();
  const weekOf = new Map<string, string>();
  for (const t of tallies) {
    let week = weekOf.get(t.day);
    if (week === undefined) weekOf.set(t.day, (week = isoWeek(new Date(`${t.day}T00:00:00Z`))));
    total.add(t.answered, t.correct, week);
    counter(byDomain, t.domain).add(t.answered, t.correct, week);
    // Answers to questions no longer in the banks still count for their domain; their subtopics are unknown.
    const question = questions.get(t.questionId);
    for (const tag of question?.tags ?? []) {
      const key = `${t.domain}\u0000${tag}`;
      counter(bySubtopic, key).add(t.answered, t.correct, week);
      const missed = t.answered - t.correct;
      if (missed > 0) {
        const refs = missedRefs.get(key) ?? new Map<string, number>();
        for (const r of question!.references) refs.set(r, (refs.get(r) ?? 0) + missed);
        missedRefs.set(key, refs);
      }
    }
  }

  const dueByDomain = new Map<string, number>();
  let dueNow = 0;
  let dueSoon = 0;
  const soon = new Date(now.getTime() + 7 * DAY_MS);
  for (const state of states) {
    const question = questions.get(state.questionId);
    if (!question) continue; // a question dropped from the banks is never due
    const hash = contentHash(question);
    if (isDue(state, hash, now)) {
      dueNow++;
      dueByDomain.set(question.domain, (dueByDomain.get(question.domain) ?? 0) + 1);
    } else if (isDue(state, hash, soon)) dueSoon++;
  }

  const titles = new Map(banks.map((b) => [b.domain, b]));
  const domainIds = [...new Set([...banks.map((b) => b.domain), ...byDomain.keys()])].filter((d) =>
    byDomain.has(d),
  );
  domainIds.sort((x, y) => x.localeCompare(y));
  const domains: DomainProgress[] = domainIds.map((id) => {
    const c = byDomain.get(id)!;
    const subtopicTitles = titles.get(id)?.subtopics ?? {};
    const subtopics = [...bySubtopic]
      .filter(([key]) => key.startsWith(`${id}\u0000`))
      .map(([key, s]) => {
        const sub = key.slice(id.length + 1);
        return { id: sub, title: subtopicTitles[sub] ?? sub, ...s.tally(), weeks: s.weeks(weeks) };
      })
      .sort((x, y) => x.title.localeCompare(y.title) || x.id.localeCompare(y.id));
    return {
      id,
      title: titles.get(id)?.title ?? id,
      ...c.tally(),
      due: dueByDomain.get(id) ?? 0,
      weeks: c.weeks(weeks),
      subtopics,
    };
  });

  // Weakest first by a smoothed share right ((right + 1) / (answered + 2)), so one miss in one answer does not
  // outrank a subtopic missed again and again; only subtopics with a miss have something to read.
  const weakest: WeakSubtopic[] = domains
    .flatMap((d) =>
      d.subtopics
        .filter((s) => s.correct < s.answered)
        .map((s) => {
          const refs = missedRefs.get(`${d.id}\u0000${s.id}`) ?? new Map<string, number>();
          return {
            domain: d.id,
            subtopic: s.id,
            title: s.title,
            answered: s.answered,
            correct: s.correct,
            percent: s.percent,
            references: [...refs]
              .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
              .slice(0, 3)
              .map(([r]) => r),
          };
        }),
    )
    .sort(
      (x, y) =>
        (x.correct + 1) / (x.answered + 2) - (y.correct + 1) / (y.answered + 2) ||
        y.answered - x.answered ||
        `${x.domain}/${x.subtopic}`.localeCompare(`${y.domain}/${y.subtopic}`),
    )
    .slice(0, options.weakest);

  return {
    generatedAt: now.toISOString(),
    weeks,
    total: total.tally(),
    due: { now: dueNow, next7Days: dueSoon },
    domains,
    weakest,
  };
}
