import { actionPlanPresets } from '../exercises/actionPlan/presets.ts';
import { brainstormPresets } from '../exercises/brainstorm/presets.ts';
import { canvasPresets } from '../exercises/canvas/presets.ts';
import { sortPresets } from '../exercises/sort/presets.ts';
import { exercise, pause, required, slide, totalMinutes, type BuiltInWorkshop } from './helpers.ts';

const brainstorm = (name: string) => required(brainstormPresets[name], `brainstorm.${name}`);

/*
 * Strategic customer service (seed 002, an article on a workshop for executives): from
 * tactical, internal measures to what the customer experiences, the competitor's move that
 * would be our worst nightmare, why organisations say "we can't", and testbed projects as
 * the way through, ending with action plans.
 */
const agenda = [
  slide(
    'Strategic customer service',
    { layout: 'title', body: 'From tactics to the service that locks in our best customers' },
    {
      minutes: 10,
      notes: `
Welcome people while they join on their phones.

Say: most managers spend their service effort on day-to-day tactics. Today we look for the strategic opportunities: the service that would make our most important customers more successful, and that a competitor would find hard to copy.

Time: 10 minutes including joining.`,
    },
  ),
  exercise(
    'sort',
    sortPresets.tacticalOrStrategic,
    {
      minutes: 25,
      notes: `
Say: start with a simple question: what is customer service? Sort each answer: an internal, tactical measure, or something the customer actually experiences.

Do: 6 to 8 minutes of sorting; reveal.

Debrief:
- How many of our usual measures are internal? (In the seed workshop, almost all were: fill rates, answer times, order cycles.)
- What good is a fast answer to a call about a problem that should never have happened?
- Which of our measures would a customer recognise?

Time: 25 minutes.`,
    },
    'What is customer service?',
  ),
  slide(
    'What we measure, what they experience',
    {
      layout: 'twoColumns',
      left: '**Our measures**\n\n- Fill rates, answer times, order cycles\n- Managed inside one department\n- Easy to count',
      right:
        '**Their experience**\n\n- The right goods, at the right time, at a sensible cost\n- Judged by their **worst** experiences, not the average\n- What they tell others',
    },
    {
      minutes: 8,
      notes: `
Say: the measures that count are the ones that reflect what the customer lives through. Two traps: assuming our operating figures describe their experience, and assuming their perception matches the average. People remember the worst meal, not the typical one.

Ask: "What was a customer's worst experience with us this year? Would any of our measures have shown it?"

Time: 8 minutes.`,
    },
  ),
  exercise('brainstorm', brainstorm('worstNightmare'), {
    minutes: 30,
    notes: `
Say: now a different question. What could a competitor do that would be your worst nightmare? Post one idea per note.

Do: expect silence at first; let it last. Then 8 to 10 minutes of posting. Cluster on the console; the clusters usually converge on a competitor who improves the customer's own profitability, processes or position.

Debrief:
- What do the clusters have in common?
- Why would customers leave us for that competitor without looking back?
- If this is the winning strategy, why don't we do it first?

Keep the last question hanging: it leads into the next talk.

Time: 30 minutes.`,
  }),
  slide(
    'The strategic breakthrough',
    {
      layout: 'bullets',
      body: 'The service that matters most improves the customer’s:\n\n- **profitability**\n- **business processes**\n- **strategic position**',
    },
    {
      minutes: 6,
      notes: `
Say: the worst-nightmare ideas point at the same thing: a supplier that makes the customer's business better. That is strategic customer service, and it builds on tactical excellence rather than replacing it.

Ask: "For our top customer, which of the three could we move?"

Time: 6 minutes.`,
    },
  ),
  pause(
    'Break',
    15,
    `
Start a 15-minute timer. During the break, note the top two worst-nightmare clusters: the testbed canvas will start from them.`,
  ),
  slide(
    '"We can’t"',
    {
      layout: 'bullets',
      body: '- Strategic service needs several departments to act together\n- Each department chases the measures it is held to\n- The result is **organisational indifference**: no malice, just other priorities',
    },
    {
      minutes: 8,
      notes: `
Say: when the executives in the seed workshop were asked why they did not do it first, they all answered "we can't". Not because anyone refused, but because every department was busy hitting the targets it had been given. Tactical measures live in one department; strategic service needs many.

Ask: "Which department would have to change most for our best idea to work? What are they measured on?"

Time: 8 minutes.`,
    },
  ),
  slide(
    'Testbeds: one that worked, one that did not',
    {
      layout: 'twoColumns',
      left: '**Worked**\n\nA health-care supplier and a small new hospital built a joint team and invented vendor-managed inventory. Low risk, live processes, and managers came to see it and shaped it.',
      right:
        '**Did not**\n\nA large telephone company weighed a broadband pilot in one small town. No department saw its own benefit, finance chose certain returns, and the company later disappeared into a merger.',
    },
    {
      minutes: 10,
      notes: `
Say: tell the two stories in your own words. Baxter's Canadian arm chose a small, newly built hospital with an eager CEO: the risk was small, the processes were new, and because people across Baxter came to visit and suggest improvements, the idea had supporters before it had to scale. The regional Bell company had the resources but nobody whose own department gained; market research said "interested, but not enough to pay", and finance killed it.

Ask: "What made the difference: the idea, or how it was run?"

Time: 10 minutes.`,
    },
  ),
  slide(
    'A three-point plan for testbeds',
    {
      layout: 'bullets',
      body: '1. **Choose the opportunity carefully**: low cost, ideal conditions, not your premier customer\n2. **Make changes as you go**: the second and third changes teach the most\n3. **Involve your counterparts early**: let other departments shape it and find their own gain',
    },
    {
      minutes: 8,
      notes: `
Say: three rules, each drawn from the stories. Pick a customer where learning is cheap and welcome. Expect the plan to change, because the best findings come from real use over months. Bring other departments in from the start so they become champions rather than obstacles.

Introduce the canvas: we will sketch a testbed for one of our worst-nightmare ideas.

Time: 8 minutes.`,
    },
  ),
  exercise('canvas', canvasPresets.testbedProject, {
    minutes: 40,
    notes: `
Say: take one of the worst-nightmare ideas and plan a testbed: which customer, what you would try, what would tell you it works, and which departments to involve and what they gain.

Do: 20 to 25 minutes in the canvas. Ask one or two groups to present.

Debrief:
- Is the chosen customer low-risk and willing to learn with us?
- What will we change after the first three months?
- Which counterpart must we talk to first, and what is in it for them?

Time: 40 minutes. Send the action-plan prompt.`,
  }),
  slide(
    'From testbed to the whole company',
    {
      layout: 'bullets',
      body: '- Once a testbed proves itself and gains supporters, leaders can commit\n- Then change planning, resources and pay so the innovation can grow\n- Strategic service is built on everyday tactical excellence',
    },
    {
      minutes: 5,
      notes: `
Say: a successful testbed is not the end. It earns the right for top management to change the planning, resource and reward systems that caused the indifference in the first place.

Time: 5 minutes.`,
    },
  ),
  exercise('actionPlan', actionPlanPresets.personalActionPlan, {
    minutes: 25,
    notes: `
Say: finish your plan: two or three actions, each with why, a first step, a date, who to involve and how you will measure success. At least one should move us from tactical to strategic service.

Debrief:
- Who is the first counterpart you will talk to, and when?
- What would a good first month of your testbed look like?

Close: thank the room; plans and the notebook can be exported.

Time: 25 minutes.`,
  }),
];

/** Strategic customer service, from the seed article `002_*.txt`: a half day. */
export const strategicService: BuiltInWorkshop = {
  id: 'strategic-customer-service',
  title: 'Strategic customer service',
  description:
    'From tactics to strategy: what customer service really is, what a competitor could do that would be our worst nightmare, why organisations say "we can\'t", and a testbed project to start with; ending with action plans.',
  minutes: totalMinutes(agenda),
  plannedStart: '09:00',
  agenda,
};
