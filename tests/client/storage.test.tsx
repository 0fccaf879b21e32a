import { describe, expect, it, vi } from 'vitest';
import {
  forgetSeat,
  getDeviceId,
  getFacilitated,
  getSeat,
  rememberFacilitated,
  saveSeat,
  type Seat,
} from '../../client/src/storage.ts';

const sam: Seat = { sessionId: 's1', participantId: 'p1', name: 'Sam', resumeToken: 't1' };
const ana: Seat = { sessionId: 's2', participantId: 'p2', name: 'Ana', resumeToken: 't2' };

describe('seats', () => {
  it('returns null when no seat was saved for a code', () => {
    expect(getSeat('ABC234')).toBeNull();
  });

  it('keeps one seat per join code when seats are saved for several sessions', () => {
    saveSeat('ABC234', sam);
    saveSeat('XYZ789', ana);

    expect(getSeat('ABC234')).toEqual(sam);
    expect(getSeat('XYZ789')).toEqual(ana);
  });

  it('replaces the seat for a code when the same code is saved again', () => {
    saveSeat('ABC234', sam);
    saveSeat('ABC234', { ...sam, name: 'Sam 2', resumeToken: 't3' });

    expect(getSeat('ABC234')).toMatchObject({ name: 'Sam 2', resumeToken: 't3' });
  });

  it('forgets only the seat for that code when a seat is forgotten', () => {
    saveSeat('ABC234', sam);
    saveSeat('XYZ789', ana);

    forgetSeat('ABC234');

    expect(getSeat('ABC234')).toBeNull();
    expect(getSeat('XYZ789')).toEqual(ana);
  });

  it('falls back to no seat when storage holds something unreadable', () => {
    localStorage.setItem('playfield.seats', '{not json');

    expect(getSeat('ABC234')).toBeNull();
    saveSeat('ABC234', sam);
    expect(getSeat('ABC234')).toEqual(sam);
  });

  it('keeps working for the tab when storage refuses writes', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });

    expect(() => saveSeat('ABC234', sam)).not.toThrow();
    expect(getSeat('ABC234')).toBeNull();
    setItem.mockRestore();
  });
});

describe('facilitated sessions', () => {
  it('returns an empty list when nothing was remembered', () => {
    expect(getFacilitated()).toEqual([]);
  });

  it('puts the newest session first when sessions are remembered', () => {
    rememberFacilitated({ sessionId: 's1', token: 'f1' });
    rememberFacilitated({ sessionId: 's2', token: 'f2' });

    expect(getFacilitated().map((s) => s.sessionId)).toEqual(['s2', 's1']);
  });

  it('merges into the existing entry and keeps its screen key when a session is remembered again', () => {
    rememberFacilitated({ sessionId: 's1', token: 'f1', screenKey: 'k1' });
    rememberFacilitated({ sessionId: 's2', token: 'f2' });

    rememberFacilitated({ sessionId: 's1', token: 'f1-new' });

    expect(getFacilitated()).toEqual([
      { sessionId: 's1', token: 'f1-new', screenKey: 'k1' },
      { sessionId: 's2', token: 'f2' },
    ]);
  });

  it('keeps at most 200 sessions when more are remembered', () => {
    for (let i = 0; i < 205; i++) rememberFacilitated({ sessionId: `s${i}`, token: `t${i}` });

    const kept = getFacilitated();
    expect(kept).toHaveLength(200);
    expect(kept[0]?.sessionId).toBe('s204');
    expect(kept.some((s) => s.sessionId === 's0')).toBe(false);
  });
});

describe('getDeviceId', () => {
  it('returns the same id on every call when storage works', () => {
    const id = getDeviceId();

    expect(getDeviceId()).toBe(id);
    expect(JSON.parse(localStorage.getItem('playfield.device') ?? 'null')).toBe(id);
  });

  it('returns a URL-safe id of 24 characters when a new one is made', () => {
    for (let i = 0; i < 20; i++) {
      localStorage.clear();
      expect(getDeviceId()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    }
  });

  it('makes a different id when the browser has none', () => {
    const first = getDeviceId();
    localStorage.clear();

    expect(getDeviceId()).not.toBe(first);
  });
});
