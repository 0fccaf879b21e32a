/**
 * Ready-made role-plays from the seed decks: the hostile feedback role-play of "Total
 * Customer Service" (003 [27]-[28]) with its four steps, played on three complaints.
 */
import type { RolePlayConfig, RolePlayStep } from './model.ts';

/** Shaping expectations during hostile feedback (003 [28]), one line per step. */
export const HOSTILE_FEEDBACK_STEPS: RolePlayStep[] = [
  { name: 'Communicate', hint: 'Be responsive and listen.' },
  {
    name: 'Empathise',
    hint: 'Separate blame from the problem; focus on the customer’s core needs.',
  },
  {
    name: 'Clarify',
    hint: 'What is the problem? Isolate and refine the needs: what can be done, and how?',
  },
  { name: 'Correct', hint: 'Take action and fix it, and keep the customer.' },
];

/** The default role-play: a complaint nobody answered (003 [8]: "response to a complaint"). */
export const UNANSWERED_COMPLAINT: RolePlayConfig = {
  scenario: {
    title: 'The unanswered complaint',
    complaint:
      'A customer’s order arrived damaged. They complained by email a week ago and heard nothing back. Now they phone the service desk, angry, and want it sorted today.',
    customerBrief:
      'You ordered a printer for your small office and it arrived with a cracked paper tray: it has been useless for ten days. You emailed a complaint a week ago and nobody answered. You have lost time and money, and the silence upsets you more than the broken tray. Start angry; calm down only if you feel listened to and hear clearly what happens next, and when.',
    providerBrief:
      'You are on the service desk. The records show the customer’s email was logged but never assigned to anyone. A replacement tray is in stock: you can send it by courier tomorrow and refund the delivery charge. Anything more needs your team leader’s approval.',
  },
  steps: HOSTILE_FEEDBACK_STEPS,
  groupSize: 'trios',
  scaleMax: 5,
};

/**
 * Named role-plays for the built-in workshops. "Hostile feedback" is the Total Customer
 * Service role-play; the checkout line comes from "There is only one way" (004), the
 * internal customer from 003's internal service chain and its "not mine" ripple effect.
 */
export const rolePlayPresets: Record<string, { title: string; config: RolePlayConfig }> = {
  hostileFeedback: { title: 'Hostile feedback', config: UNANSWERED_COMPLAINT },
  checkoutLine: {
    title: 'Hostile feedback: the checkout line',
    config: {
      scenario: {
        title: 'Why is only one register open?',
        complaint:
          'The store let the checkout line grow until customers started to grumble. One customer waited a long time with a single register open and reaches the counter angry.',
        customerBrief:
          'You came in for three items on your lunch break and queued for fifteen minutes while staff walked past and the other registers stayed closed. Now you will be late back to work. You want to know why the store does this, and you are thinking of shopping somewhere else.',
        providerBrief:
          'You are the cashier. The store opens more registers only once the line is long: the call for help went out two minutes ago and a colleague is on the way. You cannot change the staffing policy, but you can serve this customer quickly and pass the feedback to the store manager today.',
      },
      steps: HOSTILE_FEEDBACK_STEPS,
      groupSize: 'trios',
      scaleMax: 5,
    },
  },
  internalCustomer: {
    title: 'Hostile feedback: the internal customer',
    config: {
      scenario: {
        title: 'Not my department',
        complaint:
          'A memo from Finance says: “Effective today, this department will no longer process budget requests unless they are complete.” A project manager whose request has come back a second time arrives at the Finance desk, furious.',
        customerBrief:
          'You are a project manager, an internal customer of Finance. Your budget request came back again, nobody told you the rule had changed, and your project is on hold. It feels like the problem is being passed on as “not mine”. You want the request processed, and to know what to do differently.',
        providerBrief:
          'You work in Finance. The new rule was in the memo, and the request really is incomplete: the cost-centre approval is missing. You can go through the request with the manager now and fast-track it as soon as the approval arrives.',
      },
      steps: HOSTILE_FEEDBACK_STEPS,
      groupSize: 'trios',
      scaleMax: 5,
    },
  },
};
