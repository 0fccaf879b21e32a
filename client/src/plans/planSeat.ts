import { createContext } from 'react';

/** What opening one's own plan needs: the seat's resume token and the plan's owner. */
export interface PlanSeat {
  sessionId: string;
  participantId: string;
  resumeToken: string;
}

/**
 * The phone's seat, for exercises that open the participant's own plan (the closing
 * round). Exercise components get only their round's views as props; the seat is the
 * page's, so it comes through context rather than widening every exercise's props.
 */
export const PlanSeatContext = createContext<PlanSeat | null>(null);
