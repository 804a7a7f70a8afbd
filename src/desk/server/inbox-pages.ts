/**
 * The inbox in pages (GET /api/zaken?aantal=N&na=<volgende>), so the first rows reach a slow
 * connection without the whole list (38 MB of sealed reports for 10,000 cases).
 *
 * The first page is the top of the inbox as staff see it: unread answers first, then the newest
 * cases. Every next page goes on in arrival order (newest first, store.ts `CasePageQuery`) after
 * the case its cursor names. That order never changes for a case, so a page cannot skip or repeat
 * one because another case arrived, got an answer or was opened meanwhile; an order with the
 * unread answers in it could (an answer moves its case to the top, past the cursor). The price:
 * a next page can hold an unread answer the first page already had. The key worker skips those
 * (worker.ts); `FROM_NEWEST` is the cursor when the first page held unread answers only.
 */
import type { Case, DeskStore, ListedCase } from './store.ts';

/** Cases in a page when the request does not say, and at most. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;
/** The cursor for the whole inbox from its newest case. */
export const FROM_NEWEST = 'begin';

export interface InboxPage {
  cases: ListedCase[];
  /** The cursor for the next page (`na`), null after the last. */
  next: string | null;
}

/** A page, or undefined when the cursor names no case of this desk. */
export async function inboxPage(store: DeskStore, cursor: string | undefined, limit: number): Promise<InboxPage | undefined> {
  if (cursor === undefined) return firstPage(store, limit);
  let after: Pick<Case, 'receivedDay' | 'reportId'> | undefined;
  if (cursor !== FROM_NEWEST) {
    after = await store.getCase(cursor);
    if (!after) return undefined;
  }
  // One more than asked: whether there is a next page, without an empty last request.
  const cases = await store.casePage({ after, limit: limit + 1 });
  return { cases: cases.slice(0, limit), next: cases.length > limit ? cases[limit - 1].reportId : null };
}

async function firstPage(store: DeskStore, limit: number): Promise<InboxPage> {
  const answered = await store.casePage({ newAnswer: true, limit: limit + 1 });
  if (answered.length > limit) return { cases: answered.slice(0, limit), next: FROM_NEWEST };
  // Every unread answer is in this page; the newest of the other cases fill it up.
  const room = limit - answered.length;
  const newest = await store.casePage({ newAnswer: false, limit: room + 1 });
  const more = newest.length > room;
  return { cases: [...answered, ...newest.slice(0, room)], next: !more ? null : room > 0 ? newest[room - 1].reportId : FROM_NEWEST };
}
