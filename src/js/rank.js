// Ranks names with a collator in one call from wasm (not one call per comparison):
// ranks[i] is the position of names[i] in order; names the collator calls equal share one.
export function rankNames(names, compare) {
  const order = names.map((_, i) => i);
  order.sort((a, b) => compare(names[a], names[b]));
  const ranks = new Uint32Array(names.length);
  let rank = 0;
  for (let p = 0; p < order.length; p++) {
    if (p > 0 && compare(names[order[p - 1]], names[order[p]]) !== 0) rank = p;
    ranks[order[p]] = rank;
  }
  return ranks;
}
