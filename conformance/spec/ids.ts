/** What an id of the API looks like (openapi/README.md): `<prefix>_<10 upper-case base32 characters>`. */

const ID_SHAPE = /^([a-z]+)_[0-9A-Z]{10}$/;

/** Whether a value is shaped like an id of the API (`tkt_01HZX3K9Q4`). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_SHAPE.test(value);
}

/** The prefix of an id (`tkt` of `tkt_01HZX3K9Q4`), or undefined for anything else. */
export function idPrefix(value: string): string | undefined {
  return ID_SHAPE.exec(value)?.[1];
}
