// JUnit XML for CI: one testsuite per domain, one testcase per question; a missed question fails with its explanation.
import { escapeXml } from './xml.js';

export interface JunitCase {
  id: string;
  domain: string;
  correct: boolean;
  /** What was answered and what the key is, for the failure message. */
  message: string;
  explanation: string;
  references: string[];
}

export interface JunitInput {
  name: string;
  timestamp: string;
  hostname: string;
  score: number;
  passMark: number | null;
  cases: JunitCase[];
}

export function junitReport(input: JunitInput): string {
  const byDomain = new Map<string, JunitCase[]>();
  for (const c of input.cases) byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c]);
  const timestamp = input.timestamp.replace(/\.\d+Z$/, '').replace(/Z$/, '');
  const a = (v: string | number) => `"${escapeXml(String(v))}"`;

  const suites = [...byDomain.entries()].map(([domain, cases], i) => {
    const failed = cases.filter((c) => !c.correct).length;
    const body = cases.map((c) => {
      const open = `    <testcase name=${a(c.id)} classname=${a(`${input.name}.${domain}`)} time="0"`;
      if (c.correct) return `${open}/>`;
      const detail = `${c.explanation.trim()}\n\nReferences:\n${c.references.join('\n')}`;
      return `${open}>\n      <failure message=${a(c.message)} type="wrong-answer">${escapeXml(detail)}</failure>\n    </testcase>`;
    });
    return [
      `  <testsuite name=${a(`${input.name}: ${domain}`)} package=${a(input.name)} id="${i}" tests="${cases.length}" failures="${failed}" errors="0" time="0" timestamp=${a(timestamp)} hostname=${a(input.hostname)}>`,
      `    <properties>`,
      `      <property name="score" value=${a(input.score.toFixed(1))}/>`,
      ...(input.passMark === null ? [] : [`      <property name="pass-mark" value=${a(input.passMark)}/>`]),
      `    </properties>`,
      ...body,
      `    <system-out/>`,
      `    <system-err/>`,
      `  </testsuite>`,
    ].join('\n');
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    // The common JUnit schema (Ant's, which Jenkins and most CI readers accept) allows no attributes here.
    `<testsuites>`,
    ...suites,
    `</testsuites>`,
    '',
  ].join('\n');
}
