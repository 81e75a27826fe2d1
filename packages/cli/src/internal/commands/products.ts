/**
 * The product commands of `sinch`, in the order `--help` lists them: one line per product.
 *
 * @internal
 */
import * as Conversation from "./conversation.js"
import * as Keys from "./keys.js"
import * as Numbers from "./numbers.js"
import * as Trunks from "./trunks.js"
import * as Verification from "./verification.js"

/** @internal */
export const commands = [
  Numbers.command,
  Trunks.command,
  Conversation.command,
  Verification.command,
  Keys.command
] as const
