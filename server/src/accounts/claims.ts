import { parseDocId } from '@playfield/shared';
import { hashToken } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import type { AccountRepository, AccountItemRow } from './accountRepository.ts';

/** The kinds of item an account holds from a claimed browser. */
export const SESSION_ITEM = 'session';
/** A participant's personal plan, by the seat's resume token. */
export const PLAN_ITEM = 'plan';
/** A notebook this browser reached through a share link (`#link=`), by the session's id. */
export const NOTEBOOK_LINK_ITEM = 'notebookLink';

/** What a claim adds (or would add, in a preview). */
export interface ClaimCounts {
  sessions: number;
  notebooks: number;
  plans: number;
  refused: number;
}

export interface ClaimInput {
  sessions: { sessionId: string; token: string }[];
  plans: { resumeToken: string }[];
  /** The share links this browser opened notebooks with. */
  links: { token: string }[];
  isPreview: boolean;
}

/** A plan the account lists: the seat's key and what the page needs to name it. */
export interface ListedPlan {
  resumeToken: string;
  sessionId: string;
  workshopTitle: string;
  createdAt: number;
}

/** A notebook the account reached through a share link, with what the page needs to name it. */
export interface ListedNotebookLink {
  sessionId: string;
  title: string;
  createdAt: number;
  link: string;
  rights: string;
}

/**
 * Claims what a browser's keys open: sessions by their facilitator token, plans by the
 * seat's resume token (a seat counts as a plan when its session has a closing plan round
 * or the plan was written), notebooks by the share links it opened them with. Every key is
 * checked against its stored hash; a wrong or revoked one is counted as refused, never
 * stored. Nothing about the session, seat or link changes, so the old links keep working.
 */
export async function claimKeys(
  deps: { accounts: AccountRepository; repository: Repository; manager: SessionManager },
  accountId: string,
  input: ClaimInput,
  at: number,
): Promise<ClaimCounts> {
  const { accounts, repository, manager } = deps;
  const heldSessions = new Set(
    (await accounts.itemsOf(accountId, SESSION_ITEM)).map((i) => i.item_id),
  );
  const heldPlans = new Set((await accounts.itemsOf(accountId, PLAN_ITEM)).map((i) => i.item_id));
  const rows: AccountItemRow[] = [];
  const sessionIds = new Set<string>();
  let refused = 0;
  for (const item of input.sessions) {
    if (heldSessions.has(item.sessionId) || sessionIds.has(item.sessionId)) continue;
    if (await manager.authorizeFacilitator(item.sessionId, item.token)) {
      sessionIds.add(item.sessionId);
      rows.push(row(accountId, SESSION_ITEM, item.sessionId, item.token, at));
    } else refused += 1;
  }
  const planIds = new Set<string>();
  for (const { resumeToken } of input.plans) {
    const seat = await manager.authorizeParticipant(resumeToken);
    if (!seat.ok) {
      refused += 1;
      continue;
    }
    const itemId = `${seat.data.sessionId}:${seat.data.participantId}`;
    if (heldPlans.has(itemId) || planIds.has(itemId)) continue;
    if (!(await hasPlan(repository, manager, seat.data))) continue;
    planIds.add(itemId);
    rows.push(row(accountId, PLAN_ITEM, itemId, resumeToken, at));
  }
  const linked = await claimLinks(deps, accountId, input.links, [...heldSessions, ...sessionIds]);
  rows.push(
    ...linked.rows.map((r) => row(accountId, NOTEBOOK_LINK_ITEM, r.sessionId, r.token, at)),
  );
  const notebooks =
    (await repository.getDocumentsOfSessions([...sessionIds], 'notebook')).length +
    linked.rows.length;
  if (!input.isPreview) await accounts.addItems(rows);
  return {
    sessions: sessionIds.size,
    notebooks,
    plans: planIds.size,
    refused: refused + linked.refused,
  };
}

/**
 * The notebook share links worth keeping: each resolves (not revoked) to a notebook whose
 * session the account does not hold already (its notebook comes with its key), once each.
 */
async function claimLinks(
  deps: { accounts: AccountRepository; repository: Repository },
  accountId: string,
  links: readonly { token: string }[],
  ownSessions: readonly string[],
): Promise<{ rows: { sessionId: string; token: string }[]; refused: number }> {
  if (links.length === 0) return { rows: [], refused: 0 };
  const held = new Set([
    ...ownSessions,
    ...(await deps.accounts.itemsOf(accountId, NOTEBOOK_LINK_ITEM)).map((i) => i.item_id),
  ]);
  const rows: { sessionId: string; token: string }[] = [];
  let refused = 0;
  for (const { token } of links) {
    const link = await deps.repository.findShareLink(hashToken(token));
    const doc = link && link.revoked_at === null ? parseDocId(link.doc_id) : null;
    if (doc?.kind !== 'notebook') {
      refused += 1;
      continue;
    }
    if (held.has(doc.sessionId)) continue;
    held.add(doc.sessionId);
    rows.push({ sessionId: doc.sessionId, token });
  }
  return { rows, refused };
}

/** The account's notebooks reached through share links that still open, newest claim first. */
export async function listNotebookLinks(
  accounts: AccountRepository,
  repository: Repository,
  accountId: string,
): Promise<ListedNotebookLink[]> {
  const items = await accounts.itemsOf(accountId, NOTEBOOK_LINK_ITEM);
  const sessions = new Map(
    (await repository.getSessions(items.map((i) => i.item_id))).map((s) => [s.id, s]),
  );
  const listed: ListedNotebookLink[] = [];
  for (const item of items) {
    const session = sessions.get(item.item_id);
    const link = session ? await repository.findShareLink(hashToken(item.secret)) : undefined;
    if (!session || !link || link.revoked_at !== null) continue;
    listed.push({
      sessionId: session.id,
      title: session.title,
      createdAt: session.created_at,
      link: item.secret,
      rights: link.rights,
    });
  }
  return listed;
}

/** Whether a seat has a plan to keep: its session closes with a plan round, or it wrote one. */
async function hasPlan(
  repository: Repository,
  manager: SessionManager,
  seat: { sessionId: string; participantId: string },
): Promise<boolean> {
  const session = await manager.get(seat.sessionId);
  if (session?.state.agenda.some((round) => round.kind === 'actionPlan')) return true;
  const plans = await repository.getDocumentsOfSessions([seat.sessionId], 'plan');
  return plans.some((doc) => doc.participant_id === seat.participantId);
}

/** The account's plans with their sessions' titles, newest claim first. */
export async function listPlans(
  accounts: AccountRepository,
  repository: Repository,
  accountId: string,
): Promise<ListedPlan[]> {
  const items = await accounts.itemsOf(accountId, PLAN_ITEM);
  const sessionOf = (item: AccountItemRow) => item.item_id.split(':')[0] ?? '';
  const sessions = new Map(
    (await repository.getSessions([...new Set(items.map(sessionOf))])).map((s) => [s.id, s]),
  );
  return items.flatMap((item) => {
    const session = sessions.get(sessionOf(item));
    return session
      ? [
          {
            resumeToken: item.secret,
            sessionId: session.id,
            workshopTitle: session.title,
            createdAt: session.created_at,
          },
        ]
      : [];
  });
}

function row(
  accountId: string,
  kind: string,
  itemId: string,
  secret: string,
  at: number,
): AccountItemRow {
  return { account_id: accountId, kind, item_id: itemId, secret, claimed_at: at };
}
