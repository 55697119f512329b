import { instancesToStart, leastRunning } from './pm2-supervisor';

describe('a process with replicas, as pm2 lists it', () => {
  it('is online only when every instance is', () => {
    expect(leastRunning([{ id: 0, status: 'online' }, { id: 1, status: 'online' }])).toBe('online');
    expect(leastRunning([{ id: 0, status: 'online' }, { id: 1, status: 'stopped' }, { id: 2, status: 'online' }])).toBe('stopped');
    expect(leastRunning([{ id: 0, status: 'stopped' }, { id: 1, status: 'stopping' }])).toBe('stopping');
    expect(leastRunning([])).toBe('missing');
  });

  it('has every stopped or errored instance started again, and no running one restarted', () => {
    const instances = [
      { id: 3, status: 'online' },
      { id: 4, status: 'stopped' },
      { id: 5, status: 'errored' },
      { id: 6, status: 'launching' },
    ] as const;
    expect(instancesToStart(instances)).toEqual([4, 5]);
  });
});
