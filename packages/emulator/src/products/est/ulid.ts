/**
 * ULIDs, the identifier format of every Elastic SIP Trunking resource: 48 bits of `Clock` time and
 * 80 bits of `Random`, in Crockford base32.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Random } from "effect"

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<string> = Effect.gen(function*() {
  let time = yield* Clock.currentTimeMillis
  let head = ""
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head
    time = Math.floor(time / 32)
  }
  let tail = ""
  for (let i = 0; i < 16; i++) {
    tail += alphabet[yield* Random.nextIntBetween(0, 32)]
  }
  return head + tail
})
