import type { LiveLoadState } from '@checkout/contracts/views';
import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { Timeline } from '../observation/timeline';
import { LINGER_MS, LoadDemand } from './load-demand';
import { LiveLoad } from './live-load.service';

/**
 * GET /live: the chaos page's live stream, passed on by the edge. An open stream is a visitor
 * watching, so it holds the load demand: the live load and the timeline run while at least
 * one is open, and stop two minutes after the last closes. It carries `load` (whether the load
 * runs, since when, when it would stop) at once and at each change, and each timeline `sample`.
 */
@Controller()
export class LiveSseController {
  constructor(
    private readonly demand: LoadDemand,
    private readonly load: LiveLoad,
    private readonly timeline: Timeline,
  ) {}

  @Sse('live')
  live(): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const release = this.demand.hold();
      const unsubscribe = this.demand.subscribe(({ running, since, stopsAt }) => {
        const state: LiveLoadState = {
          running,
          perSecond: this.load.perSecond,
          since: since === null ? null : new Date(since).toISOString(),
          stopsAt: stopsAt === null ? null : new Date(stopsAt).toISOString(),
          lingerSeconds: LINGER_MS / 1000,
        };
        subscriber.next({ type: 'load', data: state });
      });
      const stopSamples = this.timeline.onSample((sample) => subscriber.next({ type: 'sample', data: sample }));
      return () => {
        stopSamples();
        unsubscribe();
        release();
      };
    });
  }
}
