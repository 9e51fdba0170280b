// The vault's default Argon2id costs ~1 s per call; worker tests use the floor the client still accepts.
// vi.mock runs before a file's static imports ("Cannot access '__vi_import_N__' before
// initialization"), so the factory comes in through vi.hoisted; and this module imports nothing that
// loads keyslots, so loading it early leaves keyslots to the mock:
//
//   const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
//   vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);
//
// The vi.mock call has to stay in each test file: vitest hoists it per file.
import { ARGON2_FLOOR } from '../../crypto-core/kdf';
import type * as Keyslots from '../../crypto-core/keyslots';

/** A vi.mock factory for crypto-core/keyslots: the real module, with new passphrase slots at the floor cost. */
export async function fastPassphraseSlots(importOriginal: <T>() => Promise<T>): Promise<typeof Keyslots> {
  const real = await importOriginal<typeof Keyslots>();
  return {
    ...real,
    createPassphraseSlot: (vk: Uint8Array, id: string, pw: string) =>
      real.createPassphraseSlot(vk, id, pw, ARGON2_FLOOR),
  };
}
