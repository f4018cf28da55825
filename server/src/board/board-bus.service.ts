import { Injectable, type MessageEvent } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { StoredEvent } from '../store/board.repository';

/** A stored change ready for the wire: the SSE message is built once and shared by every screen. */
export interface BusMessage {
  seq: number;
  message: MessageEvent & { data: string };
}

/**
 * In-process fan-out: one hot stream per station, shared by all of its screens. Stations with
 * no screen hold no subject, so memory follows what is being watched.
 */
@Injectable()
export class BoardBus {
  private readonly stations = new Map<string, Subject<BusMessage>>();

  /** Called right after a change is durably stored, in `seq` order per station. */
  publish(stored: StoredEvent): void {
    const subject = this.stations.get(stored.stationId);
    if (!subject) return;
    subject.next({ seq: stored.event.seq, message: { type: stored.event.type, id: stored.id, data: stored.json } });
  }

  /** The live changes of one station, from the moment of subscription. */
  changes(stationId: string): Observable<BusMessage> {
    return new Observable<BusMessage>((subscriber) => {
      let subject = this.stations.get(stationId);
      if (!subject) {
        subject = new Subject<BusMessage>();
        this.stations.set(stationId, subject);
      }
      const subscription = subject.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        if (!subject.observed) this.stations.delete(stationId);
      };
    });
  }

  /** Screens connected per station, for health and metrics. */
  screenCount(): number {
    let count = 0;
    for (const subject of this.stations.values()) count += subject.observers.length;
    return count;
  }
}
