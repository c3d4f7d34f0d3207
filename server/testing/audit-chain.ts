import { type AuditLink, nextAuditLink } from '../../shared/index';
import { nodeSha256 } from '../audit/node-sha256';

/**
 * A desk's audit chain as tests build it: each mutation made through a chain becomes its
 * next link (shared/audit/chain.ts), exactly as a desk links it before the outbox.
 * Plain code for tests and benchmarks.
 */
export class DeskChain {
  #head: { n: number; hash: string } | null = null;

  /** The link after the last one made (null: none yet). */
  get head(): { n: number; hash: string } | null {
    return this.#head;
  }

  /** `change` as the next link of this chain; an `audit` member it had is replaced. */
  link<T extends object>(change: T): Omit<T, 'audit'> & { audit: AuditLink } {
    const { audit: _old, ...unlinked } = change as T & { audit?: unknown };
    const audit = nextAuditLink(this.#head, unlinked, nodeSha256);
    this.#head = { n: audit.n, hash: audit.hash };
    return { ...(unlinked as Omit<T, 'audit'>), audit };
  }
}

const chains = new Map<string, DeskChain>();

/**
 * The chain of a device, shared by every helper in this process. Links come in the
 * order mutations are made; a test that pushes them in another order delivers a
 * reordered chain (a waiting link, not a break), as a network can.
 */
export function deskChain(deviceId: string): DeskChain {
  let chain = chains.get(deviceId);
  if (chain === undefined) {
    chain = new DeskChain();
    chains.set(deviceId, chain);
  }
  return chain;
}

/**
 * A mutation a test changed after making it, linked again at the end of its device's
 * chain: without this its old link no longer covers it (a break HQ records).
 */
export function relinked<T extends object>(deviceId: string, mutation: T): Omit<T, 'audit'> & { audit: AuditLink } {
  return deskChain(deviceId).link(mutation);
}
