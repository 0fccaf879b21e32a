import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  PROTOCOL_VERSION,
  cleanText,
  controlCommandSchema,
  displayNameSchema,
  handshakeAuthSchema,
  idSchema,
  joinBodySchema,
  roundActPayloadSchema,
  syncPayloadSchema,
  titleSchema,
} from '@playfield/shared';

const TOKEN = 'tok_0123456789abcdef';

describe('cleanText / displayNameSchema', () => {
  it.each([
    ['Sam', 'Sam'],
    ['  Sam  ', 'Sam'],
    ['Sam\u0000Lee', 'Sam Lee'],
    ['Sam\tLee', 'Sam Lee'],
    ['Sam\n\r\nLee', 'Sam Lee'],
    ['Sam    Lee', 'Sam Lee'],
    ['\u0007Sam\u001b', 'Sam'],
    ['Sam\u200bLee', 'SamLee'],
    ['\u{1F469}\u200d\u{1F4BB} Dev', '\u{1F469}\u200d\u{1F4BB} Dev'],
    ['\u202eSam', 'Sam'],
    ['Sam\u00a0\u00a0Lee', 'Sam Lee'],
    ['Zoë', 'Zoë'],
  ])('turns %j into %j', (input, expected) => {
    expect(displayNameSchema.parse(input)).toBe(expected);
  });

  it('normalises to NFC when given decomposed accents', () => {
    const decomposed = 'Zoe\u0308';
    expect(displayNameSchema.parse(decomposed)).toBe('Zo\u00eb');
  });

  it('leaves no control or format characters when given every C0 control', () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    const cleaned = displayNameSchema.parse(`A${controls}B\u007f\u0085C`);
    expect(cleaned).toBe('A B C');
    expect(cleaned).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '     '],
    ['only control characters', '\u0000\u0001\t\n'],
    ['only zero-width characters', '\u200b\u200d\ufeff'],
  ])('rejects a name that is %s', (_label, input) => {
    expect(displayNameSchema.safeParse(input).success).toBe(false);
  });

  it('accepts a name at the length limit and rejects one over it', () => {
    expect(displayNameSchema.parse('a'.repeat(LIMITS.nameLength))).toHaveLength(LIMITS.nameLength);
    expect(displayNameSchema.safeParse('a'.repeat(LIMITS.nameLength + 1)).success).toBe(false);
  });

  it('measures the length after cleaning when the raw input has extra whitespace', () => {
    const padded = `   ${'a'.repeat(LIMITS.nameLength)}   `;
    expect(displayNameSchema.parse(padded)).toBe('a'.repeat(LIMITS.nameLength));
  });

  it('rejects raw input far over the limit before cleaning it', () => {
    const huge = ' '.repeat(LIMITS.nameLength * 4 + 1) + 'Sam';
    expect(displayNameSchema.safeParse(huge).success).toBe(false);
  });

  it.each([42, null, undefined, {}, ['Sam']])('rejects the non-string %j', (input) => {
    expect(displayNameSchema.safeParse(input).success).toBe(false);
  });

  it('builds schemas with their own limit when called with another max', () => {
    const short = cleanText(3);
    expect(short.parse(' a  b ')).toBe('a b');
    expect(short.safeParse('abcd').success).toBe(false);
    expect(titleSchema.parse('x'.repeat(LIMITS.titleLength))).toHaveLength(LIMITS.titleLength);
    expect(titleSchema.safeParse('x'.repeat(LIMITS.titleLength + 1)).success).toBe(false);
  });
});

describe('idSchema', () => {
  it.each(['a', 'abc_DEF-123', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(idSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'a b', 'a/b', '../x', 'é', 'a.b'])('rejects %j', (id) => {
    expect(idSchema.safeParse(id).success).toBe(false);
  });
});

const validCommands = [
  { type: 'session.start' },
  { type: 'session.end' },
  { type: 'round.next' },
  { type: 'round.back' },
  { type: 'round.goto', roundId: 'r1' },
  { type: 'round.open' },
  { type: 'round.open', roundId: 'r1' },
  { type: 'round.lock' },
  { type: 'round.lock', roundId: 'r1' },
  { type: 'round.reveal' },
  { type: 'round.reveal', roundId: 'r1' },
  { type: 'round.hide' },
  { type: 'round.hide', roundId: 'r1' },
  { type: 'prompt.send' },
  { type: 'prompt.send', roundId: 'r1' },
  { type: 'prompt.close' },
  { type: 'timer.start', seconds: 1 },
  { type: 'timer.start', seconds: LIMITS.timerSeconds },
  { type: 'timer.pause' },
  { type: 'timer.resume' },
  { type: 'timer.clear' },
  { type: 'agenda.add', round: { kind: 'poll', title: 'Q', config: {} } },
  { type: 'agenda.add', round: { kind: 'poll', title: 'Q', config: null }, index: 0 },
  { type: 'agenda.update', roundId: 'r1' },
  { type: 'agenda.update', roundId: 'r1', title: 'New title' },
  { type: 'agenda.update', roundId: 'r1', config: { anything: true } },
  { type: 'agenda.update', roundId: 'r1', notes: 'Ask the room', minutes: 15 },
  { type: 'agenda.update', roundId: 'r1', notes: null, minutes: null },
  { type: 'session.reschedule', plannedStart: '09:00' },
  { type: 'session.reschedule', plannedStart: null },
  { type: 'clock.extend', minutes: 5 },
  { type: 'clock.screen', mode: 'blank' },
  { type: 'clock.countdown', isShown: true },
  { type: 'rehearsal.pace', actionsPerMinute: 60 },
  { type: 'rehearsal.pause', isPaused: true },
  { type: 'rehearsal.openToCode', isOpen: false },
  { type: 'agenda.remove', roundId: 'r1' },
  { type: 'agenda.move', roundId: 'r1', toIndex: 0 },
  { type: 'agenda.move', roundId: 'r1', toIndex: LIMITS.agendaRounds },
  { type: 'session.lock' },
  { type: 'session.unlock' },
  { type: 'participants.remove', participantIds: ['p1'] },
  { type: 'qa.settings', isOpen: false },
  { type: 'qa.settings', allowAnonymous: true, isModerated: true },
  { type: 'qa.approve', questionId: 'q1' },
  { type: 'qa.hide', questionId: 'q1', isHidden: true },
  { type: 'qa.merge', questionId: 'q1', intoId: 'q2' },
  { type: 'qa.pin', questionId: 'q1', isPinned: true },
  { type: 'qa.answer', questionId: 'q1', isAnswered: true },
  { type: 'qa.highlight', questionId: 'q1' },
  { type: 'qa.highlight', questionId: null },
  { type: 'qa.display', isFullScreen: true },
  { type: 'teams.form', count: 2, isRandom: true },
  { type: 'teams.form', count: 20, isRandom: false },
  { type: 'teams.add' },
  { type: 'teams.add', name: 'Window' },
  { type: 'teams.rename', teamId: 't1', name: 'Window' },
  { type: 'teams.remove', teamId: 't1' },
  { type: 'teams.move', participantId: 'p1', teamId: 't2' },
  { type: 'teams.move', participantId: 'p1', teamId: null },
  { type: 'teams.settings', isChoosing: true },
  { type: 'teams.clear' },
];

describe('controlCommandSchema', () => {
  it.each(validCommands)('accepts %j', (command) => {
    expect(controlCommandSchema.parse(command)).toEqual(command);
  });

  it('accepts a removal of as many seats as a session holds', () => {
    const participantIds = Array.from({ length: LIMITS.participantsPerSession }, (_, i) => `p${i}`);
    expect(
      controlCommandSchema.safeParse({ type: 'participants.remove', participantIds }).success,
    ).toBe(true);
  });

  it('covers every command type when the valid table is complete', () => {
    const types = new Set(validCommands.map((c) => c.type));
    const schemaTypes = controlCommandSchema.options.map((o) => o.shape.type.value);
    expect([...types].sort()).toEqual([...schemaTypes].sort());
  });

  it.each([
    ['unknown type', { type: 'session.delete' }],
    ['missing type', {}],
    ['participant command', { type: 'round.act', roundId: 'r1', action: {} }],
    ['type not a string', { type: 42 }],
    ['goto without roundId', { type: 'round.goto' }],
    ['goto with bad roundId', { type: 'round.goto', roundId: 'a b' }],
    ['open with empty roundId', { type: 'round.open', roundId: '' }],
    ['prompt for a malformed round', { type: 'prompt.send', roundId: 'a b' }],
    ['timer zero seconds', { type: 'timer.start', seconds: 0 }],
    ['timer negative', { type: 'timer.start', seconds: -5 }],
    ['timer fractional', { type: 'timer.start', seconds: 1.5 }],
    ['timer too long', { type: 'timer.start', seconds: LIMITS.timerSeconds + 1 }],
    ['timer as string', { type: 'timer.start', seconds: '60' }],
    ['add without round', { type: 'agenda.add' }],
    [
      'add with empty title',
      { type: 'agenda.add', round: { kind: 'poll', title: ' ', config: {} } },
    ],
    [
      'add with long kind',
      { type: 'agenda.add', round: { kind: 'x'.repeat(41), title: 'Q', config: {} } },
    ],
    [
      'add at negative index',
      { type: 'agenda.add', round: { kind: 'poll', title: 'Q', config: {} }, index: -1 },
    ],
    ['update without roundId', { type: 'agenda.update', title: 'T' }],
    ['update with empty title', { type: 'agenda.update', roundId: 'r1', title: '' }],
    ['remove without roundId', { type: 'agenda.remove' }],
    ['move without toIndex', { type: 'agenda.move', roundId: 'r1' }],
    ['move to negative index', { type: 'agenda.move', roundId: 'r1', toIndex: -1 }],
    [
      'move past the limit',
      { type: 'agenda.move', roundId: 'r1', toIndex: LIMITS.agendaRounds + 1 },
    ],
    ['remove with no ids', { type: 'participants.remove', participantIds: [] }],
    ['remove with a bad id', { type: 'participants.remove', participantIds: ['a b'] }],
    [
      'remove past the limit',
      {
        type: 'participants.remove',
        participantIds: Array.from(
          { length: LIMITS.participantsPerSession + 1 },
          (_, i) => `p${i}`,
        ),
      },
    ],
    ['not an object', 'session.start'],
    ['null', null],
  ])('rejects a command with %s', (_label, command) => {
    expect(controlCommandSchema.safeParse(command).success).toBe(false);
  });

  it('cleans the title when an agenda update carries one', () => {
    const parsed = controlCommandSchema.parse({
      type: 'agenda.update',
      roundId: 'r1',
      title: '  New\ttitle ',
    });
    expect(parsed).toEqual({ type: 'agenda.update', roundId: 'r1', title: 'New title' });
  });

  it('drops unknown extra fields when parsing', () => {
    const parsed = controlCommandSchema.parse({ type: 'session.start', admin: true });
    expect(parsed).toEqual({ type: 'session.start' });
  });
});

describe('handshakeAuthSchema', () => {
  it.each([
    { role: 'facilitator', sessionId: 's1', token: TOKEN },
    { role: 'participant', resumeToken: TOKEN },
    { role: 'screen', sessionId: 's1', key: TOKEN },
  ])('accepts the credential %j', (credential) => {
    const auth = { protocolVersion: PROTOCOL_VERSION, credential };
    expect(handshakeAuthSchema.parse(auth)).toEqual(auth);
  });

  it.each([
    ['no credential', { protocolVersion: 1 }],
    ['no version', { credential: { role: 'participant', resumeToken: TOKEN } }],
    [
      'fractional version',
      { protocolVersion: 1.5, credential: { role: 'participant', resumeToken: TOKEN } },
    ],
    [
      'version as string',
      { protocolVersion: '1', credential: { role: 'participant', resumeToken: TOKEN } },
    ],
    ['unknown role', { protocolVersion: 1, credential: { role: 'admin', token: TOKEN } }],
    [
      'short token',
      { protocolVersion: 1, credential: { role: 'participant', resumeToken: 'short' } },
    ],
    [
      'token with bad chars',
      { protocolVersion: 1, credential: { role: 'participant', resumeToken: `${TOKEN}!` } },
    ],
    [
      'over-long token',
      { protocolVersion: 1, credential: { role: 'participant', resumeToken: 'a'.repeat(129) } },
    ],
    [
      'facilitator without token',
      { protocolVersion: 1, credential: { role: 'facilitator', sessionId: 's1' } },
    ],
    [
      'facilitator with bad session id',
      { protocolVersion: 1, credential: { role: 'facilitator', sessionId: 's 1', token: TOKEN } },
    ],
    [
      'screen with a token instead of a key',
      { protocolVersion: 1, credential: { role: 'screen', sessionId: 's1', token: TOKEN } },
    ],
    ['null', null],
  ])('rejects a handshake with %s', (_label, auth) => {
    expect(handshakeAuthSchema.safeParse(auth).success).toBe(false);
  });

  it('accepts another protocol version so the server can answer PROTOCOL_MISMATCH', () => {
    const auth = {
      protocolVersion: PROTOCOL_VERSION + 1,
      credential: { role: 'participant', resumeToken: TOKEN },
    };
    expect(handshakeAuthSchema.safeParse(auth).success).toBe(true);
  });
});

describe('other payload schemas', () => {
  it('cleans the name and checks the device id when a join body arrives', () => {
    expect(joinBodySchema.parse({ code: 'abc-234', name: ' Sam ', deviceId: TOKEN })).toEqual({
      code: 'abc-234',
      name: 'Sam',
      deviceId: TOKEN,
    });
    expect(joinBodySchema.safeParse({ code: 'ABC234', name: 'Sam', deviceId: 'x' }).success).toBe(
      false,
    );
  });

  it('requires a round id and keeps the action opaque when a round.act payload arrives', () => {
    expect(roundActPayloadSchema.parse({ roundId: 'r1', action: { type: 'answer' } })).toEqual({
      roundId: 'r1',
      action: { type: 'answer' },
    });
    expect(roundActPayloadSchema.safeParse({ action: {} }).success).toBe(false);
  });

  it.each([
    [{ lastSeq: 0 }, true],
    [{ lastSeq: 17 }, true],
    [{ lastSeq: -1 }, false],
    [{ lastSeq: 1.5 }, false],
    [{}, false],
  ])('judges the sync payload %j valid: %s', (payload, isValid) => {
    expect(syncPayloadSchema.safeParse(payload).success).toBe(isValid);
  });
});
