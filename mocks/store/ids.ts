/**
 * Id and secret generation from the store's seeded faker, so the same seed and the same
 * sequence of requests give the same ids. @internal
 */
import type { Faker } from '@faker-js/faker';

/** Upper-case base32 (Crockford) digits: every id is `<prefix>_` + 10 of them. */
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Ids the guides, the README and the spec's examples use, given to the first records of their
 * kind in every seed (by prefix, in the order the seed makes ids), so that every sample runs
 * against the stateful mock as written: the first client is `cli_01HZX2A7K3`, the first agent
 * `agt_01HZX4C9P2`, the organisation's owner `usr_01HZX0C5E6`… A `null` leaves that record's
 * id to chance.
 */
export const DOCUMENTED_IDS: Readonly<Record<string, ReadonlyArray<string | null>>> = {
  usr: ['usr_01HZX0C5E6'],
  // The seeded keys: the test key, the production key, a revoked one, an expired one.
  key: [null, 'key_01HZX1C3D4', null, 'key_01HZX0D7F8'],
  cli: ['cli_01HZX2A7K3'],
  agt: ['agt_01HZX4C9P2'],
  alr: ['alr_01HZX6F4H7'],
  tkt: ['tkt_01HZX3K9Q4'],
  svc: ['svc_01HZX7S2K4'],
  inc: ['inc_01HZX8A3M5'],
  mst: ['mst_01HZX6T2V8'],
};

/** Makes unique ids and secrets from one seeded faker. */
export class IdFactory {
  readonly #faker: Faker;
  readonly #used = new Set<string>(Object.values(DOCUMENTED_IDS).flatMap((ids) => ids.filter((id): id is string => id !== null)));
  readonly #counts = new Map<string, number>();

  constructor(faker: Faker) {
    this.#faker = faker;
  }

  /** A fresh id such as `agt_01HZX4C9P2`. */
  next(prefix: string): string {
    const index = this.#counts.get(prefix) ?? 0;
    this.#counts.set(prefix, index + 1);
    const documented = DOCUMENTED_IDS[prefix]?.[index];
    for (;;) {
      // Drawn even for a documented id, so every other id stays what the seed always gave.
      const id = `${prefix}_${this.#faker.string.fromCharacters(ID_ALPHABET, 10)}`;
      if (documented) return documented;
      if (!this.#used.has(id)) {
        this.#used.add(id);
        return id;
      }
    }
  }

  /** `length` alphanumerics ([0-9a-zA-Z]) for key and token secrets. */
  secret(length = 32): string {
    return this.#faker.string.fromCharacters(SECRET_ALPHABET, length);
  }
}
