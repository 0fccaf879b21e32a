export * from './model.ts';
export { applyClock, initialClock, isClockEvent, roundClockOf, trackClock } from './apply.ts';
export { decideClock, isClockCommand, type ClockCommand } from './decide.ts';
export * from './timing.ts';
export * from './views.ts';
