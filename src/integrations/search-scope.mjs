/**
 * Which built pages go into the search index. Every municipality has 14 reporting-route steps
 * and a printable signal card: copies of the national route (/melden/…) and the signal pages
 * with that municipality's contacts filled in. Indexed, they made 5,130 of the 5,708 Dutch
 * pages: every query loaded their page list and matched hundreds of near-identical copies
 * ("loverboy" found three route steps of random municipalities first). They stay reachable
 * from the municipality's page, which is indexed, and their content is found in the
 * national route, the signal pages and the organisations.
 */

/** Paths (as in the URL) of pages left out of the search index. */
const LEFT_OUT = [/^\/gemeenten\/[^/]+\/melden\//, /^\/gemeenten\/[^/]+\/signalenkaart\//];

/** @param {string} urlPath a page's path, e.g. "/gemeenten/woerden/melden/" */
export function isSearchable(urlPath) {
  return !LEFT_OUT.some((pattern) => pattern.test(urlPath));
}
