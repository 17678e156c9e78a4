// backend-quiz compare: candidates side by side, domain by domain (each candidate's latest session).
import { UsageError } from '../../core/errors.js';
import { cohortKey, cohortLabel, percentileRank } from '../../core/report-data.js';
import { percent } from '../../core/scoring.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { openDatabase } from '../../store/database.js';
import { ReportStore, type CandidateSession, type ReportFilter } from '../../store/reports.js';
import { renderTable } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';

export interface RunCompareOptions extends CommandContext {
  candidates: string[];
  assessment?: string;
  json?: boolean;
}

export function runCompare(options: RunCompareOptions): CandidateSession[] {
  const db = openDatabase(options.dbPath);
  try {
    const store = new ReportStore(db);
    const chosen: CandidateSession[] = [];
    for (const who of options.candidates) {
      const filter: ReportFilter = {
        candidate: [who],
        ...(options.assessment ? { assessment: options.assessment } : {}),
      };
      let latest: CandidateSession | undefined;
      for (const s of store.candidates(filter)) latest = s; // oldest first, so the last is the latest
      if (!latest) throw new UsageError(`no candidate "${who}"; see backend-quiz report`);
      chosen.push(latest);
    }
    const domains = [...new Set(chosen.flatMap((c) => Object.keys(c.domains)))].sort();
    if (options.json) {
      const pct = (c: CandidateSession, d: string) => {
        const t = c.domains[d];
        return t ? percent(t.correct, t.total) : null;
      };
      const candidates = chosen.map((c) => ({
        name: c.name,
        email: c.email,
        sessionId: c.sessionId,
        assessment: c.assessmentId,
        startedAt: c.startedAt,
        score: c.score,
        domains: Object.fromEntries(domains.map((d) => [d, pct(c, d)])),
      }));
      print(options.stdout, JSON.stringify({ domains, candidates }, null, 2));
      return chosen;
    }
    const cell = (c: CandidateSession, d: string) => {
      const t = c.domains[d];
      return t ? `${percent(t.correct, t.total).toFixed(1)}%` : '-';
    };
    // Percentiles are within each session's whole cohort, as in report.
    const cohorts = store.cohortScores(options.assessment ? { assessment: options.assessment } : {});
    const rows = [
      ['cohort', ...chosen.map((c) => sanitizeLine(cohortLabel(c.assessmentId, c.assessmentHash)))],
      ...domains.map((d) => [d, ...chosen.map((c) => cell(c, d))]),
      ['overall', ...chosen.map((c) => `${c.score.toFixed(1)}%`)],
      [
        'percentile',
        ...chosen.map((c) =>
          percentileRank(cohorts.get(cohortKey(c.assessmentId, c.assessmentHash)) ?? [], c.score).toFixed(0),
        ),
      ],
    ];
    print(
      options.stdout,
      renderTable(
        ['domain', ...chosen.map((c) => sanitizeLine(c.name).slice(0, 20))],
        rows,
        createTheme(options.color),
      ),
    );
    return chosen;
  } finally {
    db.close();
  }
}
