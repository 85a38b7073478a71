/**
 * Id and secret generation from the store's seeded faker, so the same seed and the same
 * sequence of requests give the same ids. @internal
 */
import type { Faker } from '@faker-js/faker';

/** Upper-case base32 (Crockford) digits: every id is `<prefix>_` + 10 of them. */
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Makes unique ids and secrets from one seeded faker. */
export class IdFactory {
  readonly #faker: Faker;
  readonly #used = new Set<string>();

  constructor(faker: Faker) {
    this.#faker = faker;
  }

  /** A fresh id such as `agt_01HZX4C9P2`. */
  next(prefix: string): string {
    for (;;) {
      const id = `${prefix}_${this.#faker.string.fromCharacters(ID_ALPHABET, 10)}`;
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
