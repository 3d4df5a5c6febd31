// Text work the browser's Unicode and Intl tables do better than wasm could carry them:
// name ranking with a collator, and Zulip's accent folding for search.
//
// Ranks names with a collator in one call from wasm (not one call per comparison):
// ranks[i] is the position of names[i] in order; names the collator calls equal share one.
//
// The names arrive as one string and their UTF-16 lengths, so crossing from wasm costs
// one text decode instead of one per name (at 10,000 names, the decodes alone were a
// tenth of the render).
export function rankNames(joined, lengths, compare) {
  const names = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    names[i] = joined.slice(at, at + lengths[i]);
    at += lengths[i];
  }
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

// Zulip's remove_diacritics (web/src/typeahead.ts): decomposed, then every combining
// mark dropped, so a search for "emile" finds "Émile". In JS because the browser has the
// Unicode tables already; the wasm would have to carry its own.
export function removeDiacritics(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

// A language's words file, from lang/ beside the widget's own files. This file is a
// wasm-bindgen snippet (snippets/<crate>-<hash>/src/js/ under the build), so the widget's
// folder is the part of its own URL before "snippets/", wherever the page loads it from.
// Resolves to the file's text; rejects with what went wrong, URL included. Through the
// page's own fetch and its ordinary cache (a words file changes only with a release).
export async function fetchWords(tag) {
  const own = import.meta.url;
  const at = own.lastIndexOf("/snippets/");
  const url = new URL(`lang/${tag}.json`, at < 0 ? own : own.slice(0, at + 1)).href;
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw `${url} (network error)`;
  }
  if (!response.ok) throw `${url} (HTTP ${response.status})`;
  return response.text();
}
