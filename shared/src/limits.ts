/** Size and rate limits, one place for both sides. */
export const LIMITS = {
  /** Largest socket.io message the server accepts, in bytes. */
  socketMessageBytes: 64 * 1024,
  /** Largest HTTP JSON body, in bytes. */
  httpBodyBytes: 64 * 1024,
  nameLength: 40,
  titleLength: 120,
  questionLength: 300,
  optionLength: 120,
  pollOptions: 12,
  agendaRounds: 60,
  /** Longest countdown a facilitator can start, in seconds. */
  timerSeconds: 2 * 60 * 60,
  participantsPerSession: 5000,
  /** Socket events per identity: a bucket of `burst` refilled at `perSecond`. */
  eventsPerSecond: 10,
  eventsBurst: 30,
  /** Wrong join codes a device may try per minute before it is slowed down. */
  joinFailuresPerMinute: 10,
  /** Wrong join codes per network address per minute (a whole office shares one). */
  joinFailuresPerMinutePerAddress: 120,
  /** Joins (seats taken) per device per minute. */
  joinsPerMinutePerDevice: 20,
  /** Sessions one network address may create per minute. */
  sessionsPerMinutePerAddress: 20,
  /** Largest Yjs update one edit may send, in bytes (fits in a socket message). */
  docUpdateBytes: 60 * 1024,
  /** Largest awareness (presence) update, in bytes. */
  docAwarenessBytes: 4 * 1024,
  /** Largest stored size of a personal action plan, in bytes. */
  planDocBytes: 128 * 1024,
  /** Largest stored size of a notebook, in bytes. */
  notebookDocBytes: 8 * 1024 * 1024,
  /** Stored bytes of all of one session's documents (its notebook and every plan). */
  sessionDocBytes: 64 * 1024 * 1024,
  /** Bytes people may write into one document: a burst, then this much a minute. */
  docWriteBytesBurst: 1024 * 1024,
  docWriteBytesPerMinute: 512 * 1024,
  /** Bytes of documents one holder may open per minute (a read link cannot pull a notebook in a loop). */
  docOpenBytesPerMinute: 48 * 1024 * 1024,
  /** Sockets one identity (a seat, a console, a link) may hold open at once; the oldest goes first. */
  docSocketsPerIdentity: 8,
  /** Document edits per holder: a bucket of `burst` refilled at `perSecond`. */
  docEventsPerSecond: 20,
  docEventsBurst: 60,
  /** Share links one notebook may have at once. */
  shareLinksPerNotebook: 20,
} as const;

/** Views for one audience are sent at most this often, coalescing bursts of changes. */
export const VIEW_FLUSH_INTERVAL_MS = 50;
