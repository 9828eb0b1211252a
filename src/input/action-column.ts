// The optional per-row action column: a header that says `action`, `operation` or `op` (any case,
// spaces or punctuation around it). Its cells say add or remove for their row; an empty cell (or no
// such column) means --action. Pure.
const ACTION_HEADER = /^\W*(action|operation|op)\W*$/i;

export function findActionColumn(header: readonly string[]): number | undefined {
  const index = header.findIndex((name) => ACTION_HEADER.test(name.trim()));
  return index === -1 ? undefined : index;
}
