import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import type { AccountRepository, AccountItemRow } from './accountRepository.ts';

/** The kinds of item an account holds from a claimed browser. */
export const SESSION_ITEM = 'session';
/** A participant's personal plan, by the seat's resume token. */
export const PLAN_ITEM = 'plan';

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
  isPreview: boolean;
}

/** A plan the account lists: the seat's key and what the page needs to name it. */
export interface ListedPlan {
  resumeToken: string;
  sessionId: string;
  workshopTitle: string;
  createdAt: number;
}

/**
 * Claims what a browser's keys open: sessions by their facilitator token, plans by the
 * seat's resume token (a seat counts as a plan when its session has a closing plan round
 * or the plan was written). Every key is checked against its stored hash; a wrong one is
 * counted as refused, never stored. Nothing about the session or seat changes, so the
 * old links keep working.
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
  const notebooks = (await repository.getDocumentsOfSessions([...sessionIds], 'notebook')).length;
  if (!input.isPreview) await accounts.addItems(rows);
  return { sessions: sessionIds.size, notebooks, plans: planIds.size, refused };
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
