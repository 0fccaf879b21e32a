import { actionPlanPresets } from '../exercises/actionPlan/presets.ts';
import { canvasPresets } from '../exercises/canvas/presets.ts';
import { dotVotePresets } from '../exercises/dotVote/presets.ts';
import { gapRatingPresets } from '../exercises/gapRating/presets.ts';
import { promises } from '../exercises/promises/index.ts';
import { rolePlayPresets } from '../exercises/rolePlay/presets.ts';
import { exercise, pause, required, slide, totalMinutes, type BuiltInWorkshop } from './helpers.ts';

const rolePlay = (name: string) => required(rolePlayPresets[name], `rolePlay.${name}`);

/*
 * Total Customer Service (seed 003): expectations against actual service, promises, the
 * moments of truth, internal customers and the ripple effect, the seven sins, hostile
 * feedback, and a closing action plan framed by the continuous-service PDCA cycle.
 */
const agenda = [
  slide(
    'Total Customer Service',
    { layout: 'title', body: 'Expectations, promises and the whole service chain' },
    {
      minutes: 10,
      notes: `
Welcome people while they join on their phones.

Say: today we look at service as a process that runs through the whole company, from our suppliers to the customer and back, and at the gap between what customers expect and what they get.

Ask: "Who here never deals with an outside customer?" Keep their hands in mind: by lunch we will have shown that they have customers too.

Time: 10 minutes including joining.`,
    },
  ),
  slide(
    'The service process',
    {
      layout: 'bullets',
      body: '- **Suppliers** give us inputs; we add value inside; **customers** receive the outputs\n- Feedback, measurement and audits flow back along the chain\n- Customers’ needs and expectations drive the process at every stage',
    },
    {
      minutes: 8,
      notes: `
Say: picture the company as a pipe. Inputs come in from suppliers, each team adds value, and outputs reach customers. Information should flow back the other way: feedback, measures, audits. The customer's needs are meant to steer every stage, not only the last one.

Ask: "Where in our pipe does the customer's voice get lost?"

Time: 8 minutes.`,
    },
  ),
  slide(
    'What total customer service means',
    {
      layout: 'bullets',
      body: '- **Customer**: someone with a need and expectations of how it is met\n- **Service**: the product, process and people that meet that need\n- **Quality**: defined by the customer, consistent encounter after encounter\n- **Total**: everyone and every process, across the whole supply chain\n- **Continuous**: a moving target, so we keep learning and improving',
    },
    {
      minutes: 8,
      notes: `
Say: each word in "total customer service quality" carries weight. Stress two: quality is defined by the customer, not by our specification; and "continuous" means the target moves, because expectations rise.

Ask: "Which word is weakest here: total, or continuous?"

Time: 8 minutes.`,
    },
  ),
  slide(
    'Actual minus expected',
    {
      layout: 'bigNumber',
      bigNumber: 'A − E',
      caption:
        'Total customer service is actual service minus expected service. Customers are satisfied where the result is zero or more.',
    },
    {
      minutes: 6,
      notes: `
Say: a simple formula from Karl Albrecht's model. Satisfaction is not how good the service is; it is how good it is compared with what the customer expected. The same service can delight one customer and disappoint another.

Introduce the exercise: you will rate, for each measure of service quality, what customers expect from us and what they actually get.

Time: 6 minutes.`,
    },
  ),
  exercise('gapRating', gapRatingPresets.expectedVsActual, {
    minutes: 25,
    notes: `
Say: rate each measure twice, as our customers would: what they expect, and what they actually get. Be honest; the results are shown as a room, never by name.

Do: 8 to 10 minutes of rating. Reveal the gap chart.

Debrief:
- Where is the gap negative? Those are the dissatisfied customers.
- Where do we exceed expectations? Is that worth what it costs?
- Which gap would customers notice first if we closed it?

Time: 25 minutes. Send the action-plan prompt.`,
  }),
  slide(
    'Satisfied and dissatisfied customers',
    {
      layout: 'twoColumns',
      left: '**A satisfied customer**\n\n- had their expectations met all the way through\n- got personal attention to their needs\n- wants to keep doing business with us',
      right:
        '**Where dissatisfaction comes from**\n\n- the product\n- the service and the support after the sale\n- the company’s attitude\n- how hard it is to complain, and how we respond',
    },
    {
      minutes: 8,
      notes: `
Say: satisfaction is a relationship the customer wants to continue, not a score. Dissatisfaction has four common sources; only one of them is the product.

Ask: "Which of the four sources produces most of our complaints?"

Time: 8 minutes.`,
    },
  ),
  exercise(
    'promises',
    { title: 'Expectations and promises', config: promises.defaultConfig() },
    {
      minutes: 25,
      notes: `
Say: expectations do not appear from nowhere; we set many of them ourselves, with our promises. Here is the same service, promised three ways. Predict on your phone what happens to the customer base under each promise.

Do: open the round; 3 to 4 minutes to predict. Then reveal: the screen draws the three curves and shows how many in the room saw each outcome coming.

Debrief:
- Over-promising wins customers at first. What happens next, and why? (Expectations above the service mean dissatisfied customers, who leave and talk.)
- Under-promising keeps fewer customers but very satisfied ones. When is that the right choice?
- A realistic promise gives a satisfied, growing base. Where do we promise more than we deliver today: sales, the website, the contract?

Time: 25 minutes. Send the action-plan prompt.`,
    },
  ),
  pause(
    'Morning break',
    15,
    `
Start a 15-minute timer. Ask people to think during the break about every contact a customer has with us, from the first advert to the last invoice.`,
  ),
  slide(
    'Moments of truth',
    {
      layout: 'quote',
      body: 'Any contact a customer has with the organisation, however remote, that gives the customer a chance to form an impression.',
      attribution: 'Jan Carlzon (1987), on the moment of truth',
    },
    {
      minutes: 6,
      notes: `
Say: Jan Carlzon of SAS counted tens of thousands of these moments a day in his airline, each a few seconds long. Each one either confirms or damages the customer's view of the company. Many of them happen without any of our staff present: a letter, a web page, a queue.

Introduce the canvas: we will list our moments of truth and rate the impression each one leaves.

Time: 6 minutes.`,
    },
  ),
  exercise('canvas', canvasPresets.momentsOfTruth, {
    minutes: 30,
    notes: `
Say: list every contact a customer has with us, in the order they meet them, and rate the impression each leaves. Include the remote ones: invoices, hold music, the car park.

Do: 12 to 15 minutes in the canvas; then look at the lowest-rated moments together.

Debrief:
- Which moment leaves the worst impression? Who owns it?
- Which moments does nobody own at all?
- Which one moment could we improve this month?

Time: 30 minutes.`,
  }),
  slide(
    'Internal customers',
    {
      layout: 'bullets',
      body: '- When you hand work to a colleague, you are their **supplier**\n- When you receive work from a colleague, you are their **customer**\n- Internal service means anticipating, measuring and meeting those expectations too',
    },
    {
      minutes: 8,
      notes: `
Say: remember the people this morning who said they have no customers? Everyone who receives their work is a customer. The outside customer only ever sees the end of a chain of internal hand-offs.

Ask: "Who is your most important internal customer? Do you know what they expect of you?"

Time: 8 minutes.`,
    },
  ),
  slide(
    'The ripple effect',
    {
      layout: 'bullets',
      body: '- It starts when people are poor customers or suppliers to the next person in the chain\n- A problem is passed on as "not mine"\n- It lands on a colleague, and in the end on the customer',
    },
    {
      minutes: 5,
      notes: `
Say: a problem passed on is not solved, it is moved. Each hand-off makes it bigger and further from the person who could fix it cheaply.

Introduce the canvas: we will map our internal service chain and mark where problems get passed on.

Time: 5 minutes.`,
    },
  ),
  exercise('canvas', canvasPresets.internalServiceChain, {
    minutes: 30,
    notes: `
Say: map the chain of hand-offs that leads to one customer outcome. Mark each hand-off where a problem tends to be passed on as "not mine".

Debrief:
- Where do the ripples start?
- What would it take for the first person to own the problem instead of passing it on?
- Which hand-off could we remove altogether?

Time: 30 minutes. Send the action-plan prompt.`,
  }),
  pause(
    'Lunch',
    45,
    `
Start a 45-minute timer. Remind people the afternoon starts with how we treat each other inside the company.`,
  ),
  slide(
    'A single point of contact',
    {
      layout: 'bullets',
      body: 'One person takes the customer’s issue through to the end. It needs:\n\n- work units organised around the customer\n- people skilled for several tasks\n- shared data and information\n- referrals with follow-up\n- teamwork and service standards',
    },
    {
      minutes: 8,
      notes: `
Say: the cure for the ripple effect is a single point of contact: the customer deals with one person, who owns the issue until it is solved. It only works if that person has the skills, the data and colleagues who follow up on referrals.

Ask: "How many people does a customer talk to before a typical problem is solved here?"

Time: 8 minutes.`,
    },
  ),
  slide(
    'Albrecht’s seven sins of service',
    {
      layout: 'bullets',
      body: '1. Apathy\n2. Brush-off\n3. Coldness\n4. Condescension\n5. Robotism\n6. Rule book\n7. Runaround',
    },
    {
      minutes: 6,
      notes: `
Say: Karl Albrecht named seven ways service goes wrong in how people are treated. Give a one-line example of each: the shrug (apathy), "not my department" (brush-off), the curt tone (coldness), talking down (condescension), the script read without listening (robotism), "those are the rules" (rule book), being sent from desk to desk (runaround).

Introduce the vote: which of these happen in our internal service?

Time: 6 minutes.`,
    },
  ),
  exercise('dotVote', dotVotePresets.sevenSins, {
    minutes: 25,
    notes: `
Say: place your dots on the sins you see in how we serve each other inside the company, and give an example for each you choose. Examples are anonymous on the screen.

Debrief:
- Which sin gets the most dots? Read two examples aloud.
- Which sins come from people, and which from our rules and systems?
- What would a customer notice if we removed the top one internally?

Time: 25 minutes. Send the action-plan prompt.`,
  }),
  slide(
    'The cost of poor service quality',
    {
      layout: 'bullets',
      body: '- Customers lost\n- Slow to respond when customer needs change\n- Unclear about what we do and who our customers are\n- Training and decisions without focus\n- Less reliability, more variation',
    },
    {
      minutes: 5,
      notes: `
Say: poor service quality costs far more than the complaints we see. Most of the cost is invisible: the customers who quietly leave, and the confusion inside about who we serve.

Time: 5 minutes.`,
    },
  ),
  pause(
    'Afternoon break',
    15,
    `
Start a 15-minute timer. During the break, form groups of three for the role-play (the console can form them at random).`,
  ),
  slide(
    'Handling hostile feedback',
    {
      layout: 'twoColumns',
      left: '**Consider**\n\n- the cause of the complaint\n- what it takes to resolve it\n- how we capture what it teaches us',
      right:
        '**Then**\n\n1. **Communicate**: respond and listen\n2. **Empathise**: separate blame from the problem\n3. **Clarify**: what is wrong, and what can be done\n4. **Correct**: fix it, and keep the customer',
    },
    {
      minutes: 10,
      notes: `
Say: an angry customer is giving us information at a high price. Three things to think about: why it happened, what will fix it, and how we make sure we learn from it. Then four steps for the conversation itself. Model the first two steps briefly with a volunteer.

Ask: "Which step do we most often skip?" (Usually empathise: we jump to explaining.)

Time: 10 minutes.`,
    },
  ),
  exercise('rolePlay', rolePlay('hostileFeedback'), {
    minutes: 40,
    notes: `
Say: in threes, one customer, one employee, one observer. The customer has a real grievance; the employee walks through communicate, empathise, clarify, correct; the observer scores each step on their phone. Rotate roles so everyone plays each one.

Do: three rounds of about 8 minutes each, then the debrief.

Debrief:
- Which step scored lowest across the room? Why is it hard?
- What did the customer need to hear before they could listen to a solution?
- What did we learn from the complaint that should reach someone who can fix the cause?

Time: 40 minutes. Send the action-plan prompt.`,
  }),
  slide(
    'Leadership in total customer service',
    {
      layout: 'bullets',
      body: '- Less control, more leadership; more discretion for everyone\n- A customer focus, not only a profit focus\n- Work across departments, and manage processes\n- Audit service with customers; aim for no defects\n- Take up every colleague’s ideas, and keep improving',
    },
    {
      minutes: 6,
      notes: `
Say: none of today works unless leaders change how they lead: fewer controls on people, more attention to processes, and every idea for improvement taken seriously.

Ask: "Which of these would your team most like to see from its leader?"

Time: 6 minutes.`,
    },
  ),
  slide(
    'The continuous service cycle: plan, do, check, act',
    {
      layout: 'twoColumns',
      left: '**Plan**\n\n- Identify customers and their needs\n- Set specific targets\n- Devise action plans and where to collect data\n\n**Do**\n\n- Skill the staff\n- Deliver the plan and communicate it',
      right:
        '**Check**\n\n- Monitor progress and measures\n- Review customer satisfaction, inside and out\n\n**Act**\n\n- Act on the data\n- Revise, redesign, improve, and plan again',
    },
    {
      minutes: 8,
      notes: `
Say: improvement is a cycle, not a project. Plan from what customers need, do it with people who have the skills, check against real measures, and act on what you find, then go round again. Your action plan is the first turn of that cycle.

Ask people to frame each action in their plan this way: what is the plan, what will I do first, how will I check it worked, and what will I do with what I learn?

Time: 8 minutes.`,
    },
  ),
  exercise(
    'actionPlan',
    {
      title: 'Action plan: plan, do, check, act',
      config: actionPlanPresets.personalActionPlan.config,
    },
    {
      minutes: 25,
      notes: `
Say: your plan holds what you wrote after each exercise. Finish two or three actions, each as a turn of the cycle: the plan (why and the target), do (the first step and who to involve), check (how success is measured and when), act (the date you will review it).

Do: 15 minutes of quiet writing, then invite a few people to share one action.

Debrief:
- Which action closes a gap between what customers expect and what they get?
- When will you check it, and who will hold you to it?

Close: thank the room; plans and the notebook can be exported (PDF, Markdown, calendar reminders).

Time: 25 minutes.`,
    },
  ),
];

/** Total Customer Service, from the seed deck `003_*.txt`: a full day. */
export const totalCustomerService: BuiltInWorkshop = {
  id: 'total-customer-service',
  title: 'Total Customer Service',
  description:
    'What customers expect against what they get, the promises that set those expectations, the moments of truth, the seven sins of service, the ripple effect of internal service, and handling hostile feedback; ending with a plan-do-check-act action plan.',
  minutes: totalMinutes(agenda),
  plannedStart: '09:00',
  agenda,
};
