/**
 * The first-page example of docs/performance.md (Lists as Streams), type-checked here.
 */
import { Numbers, NumbersSchema } from "@sinch-effect/products"
import { Effect } from "effect"

export const firstPage = Effect.flatMap(
  Numbers.Numbers,
  (numbers) =>
    numbers.client.request("GET", "/activeNumbers", NumbersSchema.ActiveNumbersPage, {
      query: { regionCode: "US", pageSize: 50 }
    })
)
