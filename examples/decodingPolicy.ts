/**
 * The code of docs/decoding-policy.md, type-checked here (the docs check finds every ts block of the docs in examples/).
 */
import { NumbersSchema, OpenEnum } from "@sinch-effect/products"
import { Schema } from "effect"

// "MOBILE" | "LOCAL" | "TOLL_FREE" | (string & {})
type Received = typeof NumbersSchema.ReceivedNumberType.Type

const type = Schema.decodeUnknownSync(NumbersSchema.ReceivedNumberType)("SHORT_CODE") // "SHORT_CODE"
if (NumbersSchema.ReceivedNumberType.isKnown(type)) {
  // narrowed to "MOBILE" | "LOCAL" | "TOLL_FREE"
}
const anyOpen = OpenEnum.open(Schema.Literal("A", "B"))

export type { Received }
export { anyOpen }
