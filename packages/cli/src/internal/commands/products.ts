/**
 * The product commands of `sinch`, in the order `--help` lists them: one line per product.
 *
 * @internal
 */
import * as Conversation from "./conversation.js"
import * as Numbers from "./numbers.js"
import * as Trunks from "./trunks.js"

/** @internal */
export const commands = [
  Numbers.command,
  Trunks.command,
  Conversation.command
] as const
