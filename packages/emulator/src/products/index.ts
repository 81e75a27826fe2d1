/**
 * The registry of the product APIs every emulator serves by default. Each entry is a product's
 * `make` Effect, run once per emulator (and again on `EmulatorControl.reset`), so two emulators never
 * share data. Register a product with one line here (and its import). A product that manages the
 * emulator's access keys gets them from `KeyRegistry`, which the emulator provides.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { KeyRegistry, ProductApi } from "../ProductApi.js"
import * as AccessKeys from "./accessKeys.js"
import * as Conversation from "./conversation.js"
import * as Est from "./est.js"
import * as Mailgun from "./mailgun.js"
import * as Numbers from "./numbers.js"
import * as Templates from "./templates.js"
import * as Verification from "./verification.js"
import * as Voice from "./voice.js"

/**
 * @since 0.1.0
 * @category registry
 */
export const defaults: ReadonlyArray<Effect.Effect<ProductApi, never, KeyRegistry>> = [
  // Product APIs, one per line, e.g. `Numbers.make,` with `import * as Numbers from "./numbers.js"`.
  Numbers.make,
  Est.make,
  Conversation.make,
  Templates.make,
  Voice.make,
  Verification.make,
  Mailgun.make,
  AccessKeys.make
]
