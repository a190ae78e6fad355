/**
 * The strongly connected components of a graph (Tarjan's algorithm, iterative so that large
 * graphs cannot overflow the call stack). Returns, for each node reachable from `roots`, the
 * index of its component; unreachable nodes are absent.
 *
 * @example
 * components([0], (v) => (v === 0 ? [1] : [0])); // Map { 0 => 0, 1 => 0 }
 */
export function components(
  roots: readonly number[],
  successors: (node: number) => readonly number[],
): Map<number, number> {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const component = new Map<number, number>();
  let counter = 0;
  let componentCount = 0;

  for (const root of roots) {
    if (index.has(root)) continue;
    const work: Array<{ node: number; edges: readonly number[]; next: number }> = [];
    const open = (node: number) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: successors(node), next: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++] as number;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: number | undefined;
        do {
          member = stack.pop() as number;
          onStack.delete(member);
          component.set(member, componentCount);
        } while (member !== frame.node);
        componentCount++;
      }
    }
  }
  return component;
}
