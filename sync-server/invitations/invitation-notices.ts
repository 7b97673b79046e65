import { EventEmitter } from 'node:events';

/**
 * Wakes this process's kiosk long polls when an invitation for their window is made here. Other instances' kiosks
 * find it by reading the store again (wait-for-invitation.ts): the store is the record, a notice only makes the
 * answer faster.
 */
export class InvitationNotices {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per waiting kiosk: a hall has hundreds.
    this.emitter.setMaxListeners(0);
  }

  /** After the transaction that stored the invitation committed. */
  publish(windowId: string) {
    this.emitter.emit(windowId);
  }

  /** How many waits listen for the window (a wait the client left must not stay). */
  waiting(windowId: string): number {
    return this.emitter.listenerCount(windowId);
  }

  subscribe(windowId: string, listener: () => void): () => void {
    this.emitter.on(windowId, listener);
    return () => this.emitter.off(windowId, listener);
  }
}
