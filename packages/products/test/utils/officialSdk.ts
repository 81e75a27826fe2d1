/**
 * The official `@sinch/sdk-core` client pointed at the emulator a fidelity test serves on 127.0.0.1,
 * and the helpers those tests share: run its promises, collect its async lists (bounded), and decode
 * what it understood with our Schemas.
 */
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import { SinchClient } from "@sinch/sdk-core"
import { Effect, Redacted, Schema } from "effect"

type Parameters = ConstructorParameters<typeof SinchClient>[0]

const demo = Emulator.demoCredentials

/** A client with the demo credentials, its token host and the product hosts `hosts` names under the emulator. */
export const officialClient = (hosts: (baseUrl: string) => Partial<Parameters>) =>
  Effect.map(EmulatorServer.EmulatorServer, (server) =>
    new SinchClient({
      // null: the SDK's no-op logger; its default prints "[Sinch SDK][Debug]" blocks on every call.
      logger: null,
      projectId: demo.projectId,
      keyId: demo.keyId,
      keySecret: Redacted.value(demo.keySecret),
      authHostname: `${server.baseUrl}/auth`,
      ...hosts(server.baseUrl)
    }))

export const promise = <A>(run: () => Promise<A>) => Effect.promise(run)

/** The SDK's rejection, or undefined when the call succeeded. */
export const failure = (run: () => Promise<unknown>) =>
  Effect.promise(() =>
    run().then(() => undefined, (error: unknown) => error as { statusCode?: number; data?: unknown })
  )

/** Every item of one of the SDK's async lists, at most 1001 (the loop is bounded). */
export const all = <A>(iterable: AsyncIterable<A>) =>
  Effect.promise(async () => {
    const collected: Array<A> = []
    for await (const item of iterable) {
      collected.push(item)
      if (collected.length > 1000) break
    }
    return collected
  })

/** Decoding the SDK's result re-encoded as JSON: what the emulator sent, as the SDK understood it. */
export const decodes = <A, I>(schema: Schema.Schema<A, I>, value: unknown): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(value)))
