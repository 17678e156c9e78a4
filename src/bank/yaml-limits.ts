// Checks on a parsed YAML (or JSON) document that must stay linear in its size: duplicate keys (a Set per
// mapping, where the parser's own check compares every pair), and aliases and their expanded size counted once for
// the whole document (the parser bounds aliases per value, so many values can each expand a large anchor).
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * YAML aliases allowed per document: enough for a bank whose SQL tasks share schema, sample and check data through
 * anchors (three aliases a task), while MAX_ALIAS_EXPANSION bounds what they may expand to.
 */
export const MAX_ALIAS_COUNT = 500;
/** Values that aliases may add per document when expanded: a real file reuses small anchors a few times. */
export const MAX_ALIAS_EXPANSION = 100_000;

export interface DocumentProblem {
  offset: number;
  rule: 'duplicate-key' | 'yaml-aliases';
  message: string;
}

function keyOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return `${typeof node.value}:${String(node.value)}`;
}

/**
 * Duplicate keys (located at the repeated key) and alias limits, in one pass over the document plus one over
 * what its aliases point to.
 */
export function documentProblems(doc: Document): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  // Document order matters: an alias refers to the latest anchor of that name before it.
  const walk = (node: unknown): void => {
    if (!isNode(node)) return;
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      return;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyOf(pair.key);
        if (key !== undefined) {
          if (seen.has(key))
            problems.push({
              offset: (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? 0,
              rule: 'duplicate-key',
              message: `duplicate key "${String((pair.key as { value: unknown }).value)}": each key may appear once`,
            });
          seen.add(key);
        }
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(isPair(item) ? item.value : item);
  };
  walk(doc.contents);

  if (targets.size > MAX_ALIAS_COUNT) {
    problems.push({
      offset: 0,
      rule: 'yaml-aliases',
      message: `the file uses ${targets.size} aliases; at most ${MAX_ALIAS_COUNT} are allowed`,
    });
    return problems;
  }
  // Values each node stands for once aliases are expanded, memoized so shared anchors are counted once each.
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  const size = (node: unknown): number => {
    if (!isNode(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) return 1; // a recursive alias stays a reference
    inProgress.add(node);
    let total = 1;
    if (isAlias(node)) total = size(targets.get(node));
    else if (isMap(node)) for (const pair of node.items) total += size(pair.key) + size(pair.value);
    else if (isSeq(node)) for (const item of node.items) total += size(isPair(item) ? item.value : item);
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  let expansion = 0;
  for (const alias of targets.keys()) expansion += size(alias);
  if (expansion > MAX_ALIAS_EXPANSION)
    problems.push({
      offset: 0,
      rule: 'yaml-aliases',
      message: `aliases expand to ${expansion} values; at most ${MAX_ALIAS_EXPANSION} are allowed per file`,
    });
  return problems;
}
