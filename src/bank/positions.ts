// Maps a path into a parsed YAML document to the line and column an author sees in the editor.
import { isMap, isNode, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { DocPath } from '../core/bank-rules.js';

export interface Position {
  line: number;
  column: number;
}

function childOf(node: unknown, segment: string | number): { node: Node; keyNode?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isNode(item.key) && (item.key as { value?: unknown }).value === segment,
    );
    if (pair && isNode(pair.value))
      return { node: pair.value, keyNode: isNode(pair.key) ? pair.key : undefined };
    if (pair && isNode(pair.key)) return { node: pair.key, keyNode: pair.key };
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) ? { node: item } : undefined;
  }
  return undefined;
}

/**
 * The position of the deepest node on `path` that exists (a missing field points at its parent).
 * With `atKey`, the last segment is a map key and the position is the key's, not its value's.
 */
export function locate(doc: Document, lines: LineCounter, path: DocPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = (isNode(node) ? node.range?.[0] : undefined) ?? 0;
  for (const [i, segment] of path.entries()) {
    const child = childOf(node, segment);
    if (!child) break;
    node = child.node;
    const target = atKey && i === path.length - 1 && child.keyNode ? child.keyNode : child.node;
    offset = target.range?.[0] ?? offset;
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
