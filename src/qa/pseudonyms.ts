import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { ConflictError, type DocumentStore, type StoredDocument } from '../storage/documentStore.js';

interface KeyDocument extends StoredDocument {
  type: 'pseudonym-key';
  key: string;
}

const KEY_ID = 'pseudonym-key';
const RECENT_PEOPLE = 1000;
const SYSTEM_PARTITION = '_system';

/**
 * Pseudonyms for the question log: a keyed hash (HMAC-SHA-256) of the person's Entra object
 * id. A plain hash can be reversed by anyone who has the directory (hash every id and
 * compare); without the key it cannot. The key is the deployment's own: PSEUDONYM_KEY when
 * set (e.g. a Key Vault reference), otherwise made once, at random, and kept in the store,
 * so every instance and every restart uses the same one.
 */
export class Pseudonyms {
  /** A key object made once: making one from the raw bytes on every call costs more than the hash. */
  private readonly key: KeyObject;
  /** The pseudonyms of the people seen last, most recent last: a person asks several questions in a row. */
  private readonly recent = new Map<string, string>();

  private constructor(key: Buffer) {
    this.key = createSecretKey(key);
  }

  static async load(store: DocumentStore, configuredKey?: string): Promise<Pseudonyms> {
    if (configuredKey) return new Pseudonyms(Buffer.from(configuredKey, 'utf8'));
    const state = store.collection<KeyDocument>('state');
    const existing = await state.get(SYSTEM_PARTITION, KEY_ID);
    if (existing) return new Pseudonyms(Buffer.from(existing.value.key, 'base64'));
    const key = randomBytes(32).toString('base64');
    try {
      await state.create({ id: KEY_ID, pk: SYSTEM_PARTITION, type: 'pseudonym-key', key });
      return new Pseudonyms(Buffer.from(key, 'base64'));
    } catch (error) {
      // Another instance made one first: use that one.
      if (!(error instanceof ConflictError)) throw error;
      const winner = await state.get(SYSTEM_PARTITION, KEY_ID);
      if (!winner) throw error;
      return new Pseudonyms(Buffer.from(winner.value.key, 'base64'));
    }
  }

  /** A key for another purpose, derived from this one (so no second secret has to be kept). */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`purpose:${purpose}`).digest();
  }

  /** The person's pseudonym: the same for the same id, unlinkable to it without the key. */
  of(personId: string): string {
    const known = this.recent.get(personId);
    if (known !== undefined) {
      this.recent.delete(personId);
      this.recent.set(personId, known);
      return known;
    }
    const pseudonym = createHmac('sha256', this.key).update(personId).digest('hex').slice(0, 32);
    this.recent.set(personId, pseudonym);
    if (this.recent.size > RECENT_PEOPLE) this.recent.delete(this.recent.keys().next().value as string);
    return pseudonym;
  }
}
