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
import * as Voice from "./voice.js"

/** @internal */
export const commands = [
  Numbers.command,
  Trunks.command,
  Conversation.command,
  Verification.command,
  Voice.command,
  Keys.command
] as const
