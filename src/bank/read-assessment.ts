// Reads an assessment file and checks it against the banks; problems come back located at file:line:column.
import { assessmentProblems, assessmentSchema, type Assessment } from '../core/assessment.js';
import { registeredAssessment, type RegisteredAssessment } from '../core/assessment-rules.js';
import type { Question } from '../core/bank-schema.js';
import { BankError, UsageError } from '../core/errors.js';
import { sha256 } from '../core/result-file.js';
import { parseYaml } from './parse-yaml.js';
import { readInputFile } from './read-input.js';

/** Assessment files are short lists of settings and question ids. */
export const MAX_ASSESSMENT_BYTES = 8 * 1024 * 1024;
import { locate } from './positions.js';

export interface LoadedAssessment {
  assessment: Assessment;
  /** SHA-256 of the file's text: result files record which version of the assessment was taken. */
  hash: string;
}

export function readAssessment(
  file: string,
  shown: string,
  questions: readonly Question[],
): LoadedAssessment {
  const input = readInputFile(file, MAX_ASSESSMENT_BYTES);
  if (!input.ok) throw new UsageError(`cannot read the assessment ${shown}: ${input.reason}`);
  const text = input.text;
  const { doc, lines, value, problems } = parseYaml(text, shown, assessmentSchema);
  if (!value || !doc) throw new BankError(problems);
  const located = assessmentProblems(value, questions).map((p) => {
    const pos = locate(doc, lines, p.path);
    return { file: shown, line: pos.line, column: pos.column, rule: 'assessment', message: p.message };
  });
  if (located.length > 0) throw new BankError(located);
  return { assessment: value, hash: sha256(text) };
}

/** An assessment file as the manager's registry stores it: settings, hash and the pool it draws from these banks. */
export function readRegisteredAssessment(
  file: string,
  shown: string,
  questions: readonly Question[],
): RegisteredAssessment {
  const { assessment, hash } = readAssessment(file, shown, questions);
  return registeredAssessment(assessment, hash, questions);
}
