import { actionPlanPresets } from '../exercises/actionPlan/presets.ts';
import { brainstormPresets } from '../exercises/brainstorm/presets.ts';
import { dotVotePresets } from '../exercises/dotVote/presets.ts';
import { fineLine } from '../exercises/fineLine/index.ts';
import { playingFieldPresets } from '../exercises/playingField/presets.ts';
import { redBead } from '../exercises/redBead/index.ts';
import { sortPresets } from '../exercises/sort/presets.ts';
import { exercise, pause, required, slide, totalMinutes, type BuiltInWorkshop } from './helpers.ts';

const brainstorm = (name: string) => required(brainstormPresets[name], `brainstorm.${name}`);
const playing = (name: string) => required(playingFieldPresets[name], `playingField.${name}`);

/*
 * The Service Pro (seed 001): service leadership in three modules, define reality, align
 * the system, define the playing field, around the exercises that make each one felt. The
 * talks follow the deck's slides; the facilitator's notes are this app's own words.
 */
const agenda = [
  slide(
    'The Service Pro',
    { layout: 'title', body: 'Service leadership: a working day' },
    {
      minutes: 10,
      notes: `
Welcome the room while people join on their phones (the join code is on the screen).

Say: today is about what leaders do so that front-line people can serve customers well. It is a working day: short talks, then the room does something, then we talk about what happened. Everything we find goes into the session notebook, and each of you leaves with a personal action plan.

Ask: "What is one thing a customer said to you this month that stuck with you?" Take two or three answers, no more.

Time: 10 minutes including joining. Wait until most phones show the lobby before moving on.`,
    },
  ),
  slide(
    'The leader’s role: to enable',
    {
      layout: 'bullets',
      body: '- **Define reality**: what customers really experience\n- **Align the system**: remove what gets in the way\n- **Define the playing field**: what each of us may decide',
    },
    {
      minutes: 8,
      notes: `
Say: a leader's job in service is not to serve every customer personally but to make it possible for others to do it. Three things make that possible, and they are the three modules of the day. Point to each line as you name it.

Define reality: people need the truth about customers, not a polished version of it.
Align the system: policies, procedures and measures must pull the same way as the service we ask for.
Define the playing field: people must know how far they may go for a customer without asking.

Ask: "Which of the three is weakest where you work?" A show of hands per line is enough.

Time: 8 minutes.`,
    },
  ),
  slide(
    'Module 1: define reality',
    {
      layout: 'bullets',
      body: '- Customer information\n- Listening strategies\n- Measurement',
    },
    {
      minutes: 3,
      notes: `
Say: the first module is about information: who gets it, how we listen for it, and what we measure. Keep this short; it only announces the module.

Time: 3 minutes.`,
    },
  ),
  slide(
    'Customer information',
    {
      layout: 'quote',
      body: 'An individual without information cannot take responsibility; an individual who is given information cannot help but take responsibility.',
      attribution: 'Jan Carlzon, SAS',
    },
    {
      minutes: 5,
      notes: `
Let the room read the quote in silence first (a slow count of five).

Say: Jan Carlzon ran the Scandinavian airline SAS and turned it round by putting information and decisions in the hands of front-line staff. His point is that responsibility follows information, not job titles.

Ask: "Think of a decision a colleague had to pass upwards last week. What information were they missing?"

Time: 5 minutes.`,
    },
  ),
  slide(
    'In the know',
    {
      layout: 'quote',
      body: 'Secrecy cloaks the infectious madness that causes people to participate in their own destruction.',
      attribution: 'Earl Shorris, Scenes from Corporate Life',
    },
    {
      minutes: 5,
      notes: `
Say: Earl Shorris wrote about life inside large companies. When people are kept in the dark, they keep doing things that hurt the business, and themselves, because nobody shows them the consequences.

Ask: "What do our customers know about us that some of our own people do not?" Collect one or two examples; they are useful in the afternoon.

Time: 5 minutes.`,
    },
  ),
  slide(
    'From need to know to right to know',
    {
      layout: 'twoColumns',
      left: '**Need to know**\n\n- Information is rationed\n- Managers decide who is told\n- People guess, or wait',
      right:
        '**Right to know**\n\n- Information is shared by default\n- Everyone sees what customers say\n- People act on it',
    },
    {
      minutes: 8,
      notes: `
Say: the shift is from information as a privilege to information as something everyone serving customers is entitled to. Walk across the two columns, one line at a time.

Ask: "What is one report, complaint log or number that only managers see today, and that the front line should see?" Ask people to note their answer; it is a good candidate for their action plan.

Time: 8 minutes.`,
    },
  ),
  slide(
    'The enemies of business success',
    {
      layout: 'bullets',
      body: '- Putting a spin on customer information\n- False happy talk\n- Ambiguous information\n- Numbers without meaning',
    },
    {
      minutes: 8,
      notes: `
Say: four habits quietly poison customer information. Give an example of each in your own words: the survey summary that leaves out the angry comments; the meeting where every result is "great"; the message that can be read two ways; the dashboard figure nobody can explain.

Ask: "Which of the four do you see most often?" Ask for a quick show of hands per line, then one story.

Time: 8 minutes.`,
    },
  ),
  slide(
    'Listen, listen, listen',
    {
      layout: 'bullets',
      body: 'Listening is the most important skill of a customer-focused company.\n\nIts real value is finding out what:\n\n- has not worked\n- needs to change\n- someone else does better\n\nThat means hearing what you would rather not hear.',
    },
    {
      minutes: 8,
      notes: `
Say: listening is not waiting for your turn to speak, and it is not a survey once a year. The useful part of listening is uncomfortable: what failed, what must change, and who is beating us at it.

Ask: "When did a customer last tell you something you did not want to hear? What happened to that information?"

Then introduce the next exercise: we will see which listening sources each team really uses. The rule of thumb is at least three, all the time.

Time: 8 minutes.`,
    },
  ),
  exercise('dotVote', dotVotePresets.listeningSources, {
    minutes: 20,
    notes: `
Say: pick every source of customer information your team uses on a continual basis, not the ones you used once. The rule to test ourselves against: at least three, continually.

Do: open the round, give people 3 to 4 minutes, watch the count; reveal when most have answered.

Ask while the results are up:
- Which sources does almost nobody use? Why?
- Who chose fewer than three? (The screen never names them; ask the room to reflect, not to confess.)
- For the sources we do use: do we know the why behind the numbers, or only the numbers?
- Who hears about complaints, and how fast?

Debrief: listening needs several sources at once, because each one hides something. Send the action-plan prompt before moving on.

Time: 20 minutes.`,
  }),
  slide(
    'Measurement',
    {
      layout: 'bullets',
      body: 'People rarely give you everything you **expect**, but they work hard to give you what you **inspect**.\n\nUse service measures to:\n\n- set goals people strive for\n- let everyone know how they are doing\n- add to the accountabilities already in place',
    },
    {
      minutes: 6,
      notes: `
Say: what gets looked at gets done. That cuts both ways: measure the wrong thing and people will deliver the wrong thing, very reliably. Good service measures give people goals, tell them how they are doing, and sit beside the existing accountabilities rather than replace them.

Bridge: before the break, ask people to notice how they feel about being measured; the next exercise after the break puts that to the test.

Time: 6 minutes.`,
    },
  ),
  pause(
    'Morning break',
    15,
    `
Start a 15-minute timer so the screen counts down and shows when the room is back.

During the break: choose the Red Bead volunteers (six willing workers, two inspectors, a chief inspector and a recorder). Ask them quietly; pick people who will play along with good humour.`,
  ),
  exercise(
    'redBead',
    { title: 'The Red Bead Experiment', config: redBead.defaultConfig() },
    {
      minutes: 60,
      notes: `
Say (in character, as a strict foreman): we are a bead factory. Our customer wants white beads only. Our willing workers will produce beads, our inspectors will check them, and we will reward the best and deal with the rest. Keep the tone light and bossy; the room should enjoy it.

Do: assign the roles on the console, then run four days. Use the interventions between days: a quota, a slogan, praise for the best worker, probation for the worst; on day 3 fire the worst and give the best a double shift. Ask the observers for their predictions before each day.

Step out of character for the debrief. Show the control chart.

Debrief questions:
- Did any worker control how many red beads they got? What did?
- What did the praise, the slogans and the firing change in the results? (Nothing: the points stay within the limits.)
- Where in our company do we rank, reward or blame people for what the system produces?
- What would it take to change the system instead: the supplier, the paddle, the process?

Time: 60 minutes (10 set-up, 35 for four days, 15 debrief). Send the action-plan prompt at the end.`,
    },
  ),
  slide(
    'Module 2: align the system',
    {
      layout: 'bullets',
      body: 'Too often, people who try to serve better are stopped by our own **practices, procedures and programmes**, which pull against the very service we ask for.',
    },
    {
      minutes: 8,
      notes: `
Say: the Red Bead showed that results come from the system. This module asks what in our own system gets in the way of good service. Give an example from your own experience: a form that takes longer than the customer's problem, a target that rewards speed over solving the problem.

Ask: "What rule have you bent this month to help a customer?" Do not judge the answers; they point at the barriers.

Time: 8 minutes.`,
    },
  ),
  exercise(
    'brainstorm',
    {
      title: 'Remove the barriers',
      config: {
        ...brainstorm('poundTheTable').config,
        prompt: 'What in our own system stops us from serving customers well? Name one barrier.',
      },
    },
    {
      minutes: 25,
      notes: `
Say: one barrier per note, as specific as you can: "the refund form needs two signatures", not "bureaucracy". You can post several notes.

Do: 6 to 8 minutes of posting. Cluster the notes on the console while people write; name the clusters aloud. Then a quick vote on the barriers that hurt customers most.

Debrief:
- Which barriers are ours to remove, and which need someone else?
- Which one, if removed next month, would customers notice first?
- Who owns it? Write the owner next to the top three.

Time: 25 minutes.`,
    },
  ),
  exercise(
    'fineLine',
    { title: 'The Fine Line', config: fineLine.defaultConfig() },
    {
      minutes: 35,
      notes: `
Say: a store opens extra checkouts only once customers start complaining. You are the customers; watch your place in the line and tell us how you feel as you wait.

Do: run the default policy first. Then ask a volunteer "store manager" to change the policy (threshold, delay, registers) and replay it; compare the two runs side by side.

Debrief:
- How much dissatisfaction did the first policy build in before acting?
- What did the second policy cost, and what did it save?
- Where do we wait for complaints before we act?

Time: 35 minutes.`,
    },
  ),
  pause(
    'Lunch',
    45,
    `
Start a 45-minute timer. Before people leave, remind them where the afternoon starts: the playing field, what each of us may decide.

During lunch: check the playing-field cards suit this company (edit amounts in the agenda editor if needed).`,
  ),
  slide(
    'Module 3: one size does not fit all',
    {
      layout: 'bullets',
      body: '- Rigid, one-size-fits-all policies make fast, flexible, personal care impossible\n- A narrow playing field means nobody is served exceptionally, and everyone gets average service',
    },
    {
      minutes: 6,
      notes: `
Say: the third module is about boundaries: how much freedom people have to handle a customer's situation. A rule written for the average customer fits nobody exactly.

Ask: "Tell us about a time a policy forced you to give a customer a worse answer than you knew was right."

Time: 6 minutes.`,
    },
  ),
  exercise('sort', sortPresets.productOrService, {
    minutes: 15,
    notes: `
Say: a warm-up. Each statement describes either making a product or performing a service. Sort them on your phone.

Debrief:
- What makes service different? (It is produced with the customer there, it cannot be stored, and the customer's own standards decide its quality.)
- So why do we manage it with rules written like product specifications?

Time: 15 minutes.`,
  }),
  slide(
    'The playing field',
    {
      layout: 'bullets',
      body: 'A leader defines a playing field that lets people handle routine deviations from normal transactions. Make it:\n\n- **wide enough** for all routine transactions and the predictable deviations\n- **narrow enough** to protect the financial integrity of the business',
    },
    {
      minutes: 8,
      notes: `
Say: a playing field is the space in which people decide for themselves. Too narrow and every unusual request climbs the hierarchy while the customer waits; too wide and the business takes risks nobody chose. The skill is to draw it deliberately, not by accident.

Introduce the exercise: we will place real cases on the field together and see where we agree.

Time: 8 minutes.`,
    },
  ),
  exercise('playingField', playing('definePlayingField'), {
    minutes: 40,
    notes: `
Say: for each case, decide: handle it on the spot, handle it within a guideline, or escalate. Answer as things should be, not as they are today.

Do: give 8 to 10 minutes to place the cards. Reveal the spread. Take the most contested cards into the rigid-to-flexible test (next slide) before fixing the map.

Debrief:
- Where does the room agree? Those can become policy today.
- Where does it disagree, and why? Different risks, or different habits?
- What guideline would let people handle the middle zone without asking?

Time: 40 minutes, including the test on the contested cards.`,
  }),
  slide(
    'From rigid to flexible',
    {
      layout: 'bullets',
      body: 'Widen the field when:\n\n1. the decision is a rubber stamp\n2. nobody adds value by being involved\n3. the person can get the information needed\n4. the person can learn the criteria',
    },
    {
      minutes: 8,
      notes: `
Say: four questions decide whether a decision can move closer to the customer. If all four are yes for a contested card, that is a strong case to widen the field.

Do: run the test on the console for the two or three most contested cards, then agree the zone for each on the map.

Ask: "For which card did the test change your mind?"

Time: 8 minutes (the test itself runs in the playing-field round).`,
    },
  ),
  pause(
    'Afternoon break',
    15,
    `
Start a 15-minute timer. Leave the playing-field map on the console; people often want to photograph the result.`,
  ),
  slide(
    'Accountability and recognition',
    {
      layout: 'twoColumns',
      left: '**Accountability**\n\n- Bad: working with someone who does not care and will not try\n- Worse: leaders who do nothing about it',
      right:
        '**Recognition**\n\n- Never take good service for granted\n- Caring for customers is hard work\n- Neglect people’s efforts and they will neglect customers',
    },
    {
      minutes: 8,
      notes: `
Say: a wide playing field needs two things beside it. Accountability: people notice when a colleague does not try, and they notice even more when leaders let it pass. Recognition: service is emotional labour, and effort that goes unseen stops.

Ask: "When were you last thanked for something you did for a customer? Who thanked you?"

Time: 8 minutes.`,
    },
  ),
  exercise('brainstorm', brainstorm('recognitionWall'), {
    minutes: 20,
    notes: `
Say: catch people doing things better, faster or differently. Post a note about someone, in this room or not, and tag it. Be specific: what they did and what it meant for a customer.

Do: 6 to 8 minutes of posting, then read a few aloud from the screen.

Debrief:
- Recognition communicates what winning looks like. What does this wall say winning looks like here?
- Which of these would normally go unnoticed?
- How could this happen every week, not only in a workshop?

Time: 20 minutes.`,
  }),
  exercise('brainstorm', brainstorm('serviceCultureStories'), {
    minutes: 15,
    notes: `
Say: a culture is the stories people tell about work. Post a story employees tell here, and tag it as the culture we want or the one we have.

Debrief:
- Which stories do new people hear in their first week?
- Do our stories show a company focused on customers and on exceptional service?
- Which story do we want people to tell a year from now?

Time: 15 minutes.`,
  }),
  slide(
    'The business of service',
    {
      layout: 'title',
      body: 'Service is a management responsibility. The front line marches to the drumbeat you play.\n\nSo what will it be?',
    },
    {
      minutes: 5,
      notes: `
Say: we close where we started. Leaders set the rhythm: what they measure, reward, allow and notice. The front line follows it, whatever the posters say.

Ask the room to think quietly for one minute: "What drumbeat do I play today, and what should it be?" Then move to the action plan.

Time: 5 minutes.`,
    },
  ),
  exercise('actionPlan', actionPlanPresets.personalActionPlan, {
    minutes: 25,
    notes: `
Say: your plan already holds what you wrote after each exercise. Now finish it: for each action, why it matters, the first step, a date, who to involve and how you will know it worked. Two or three actions done well beat ten wishes.

Do: give 15 minutes of quiet writing; walk the room. Invite two or three people to read one action aloud.

Debrief:
- Which action will you start this week?
- Who will you tell about it, so it happens?

Close: thank the room; remind them the plan and the notebook can be exported from their phones (PDF, Markdown, calendar reminders).

Time: 25 minutes.`,
  }),
];

/** The Service Pro, from the seed deck `001_*.txt`: a full day of service leadership. */
export const servicePro: BuiltInWorkshop = {
  id: 'service-pro',
  title: 'The Service Pro',
  description:
    'Define reality (how we listen to customers, the Red Bead Experiment), align the system (what gets in the way, the Fine Line), define the playing field (what each of us may decide, recognition), and leave with a personal action plan. Talks, breaks and a script for every round.',
  minutes: totalMinutes(agenda),
  plannedStart: '09:00',
  agenda,
};
