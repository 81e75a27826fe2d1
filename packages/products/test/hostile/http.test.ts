/**
 * Hostile input to the product clients: path values that URL parsing would remove, and values that
 * cannot be encoded. Each is a typed `InvalidRequest` and nothing reaches the wire.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, ProjectCredentials } from "@sinch-effect/auth-core"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Exit, Layer } from "effect"
import { ElasticSipTrunking, Numbers } from "../../src/index.js"

/** Every request the clients send, answered 204. */
const recording = () => {
  const sent: Array<string> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        sent.push(`${request.method} ${request.url}`)
        return HttpClientResponse.fromWeb(request, new Response(null, { status: 204 }))
      })
    )
  )
  return { sent, layer }
}

const products = (http: Layer.Layer<HttpClient.HttpClient>) =>
  Layer.mergeAll(
    ElasticSipTrunking.layerWith({ strategy: AuthStrategy.projectBasic }),
    Numbers.layerWith({ strategy: AuthStrategy.projectBasic })
  ).pipe(
    Layer.provide(Layer.mergeAll(
      ProjectCredentials.layer({
        projectId: "37b62a7b-0177-4b6c-9f6e-e10f848de123",
        keyId: "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
        keySecret: "s1"
      }).pipe(Layer.orDie),
      SinchEndpoints.layer({ numbers: "https://numbers.test", est: "https://est.test" }).pipe(Layer.orDie),
      http
    ))
  )

const dotValues = ["", ".", "..", "%2e%2e", "%2E.", ".%2e", "%2e", "%252e%252e", "\uFF0E\uFF0E", " .. "]

describe("hostile path values", () => {
  it.effect("empty, . and .. in any encoding: InvalidRequest, zero requests sent", () =>
    Effect.gen(function*() {
      const { layer, sent } = recording()
      const failures = yield* Effect.gen(function*() {
        const est = yield* ElasticSipTrunking.ElasticSipTrunking
        const tags: Array<string> = []
        for (const value of dotValues) {
          for (
            const call of [
              est.deleteCredential("list-1", value),
              est.removeCredentialListFromTrunk("trunk-1", value),
              est.deleteIpRange("acl-1", value)
            ]
          ) {
            const exit = yield* Effect.exit(call)
            tags.push(Exit.isFailure(exit) && exit.cause._tag === "Fail" ? `${exit.cause.error._tag}` : "sent")
          }
        }
        return tags
      }).pipe(Effect.provide(products(layer)))
      expect(failures).toEqual(dotValues.flatMap(() => ["InvalidRequest", "InvalidRequest", "InvalidRequest"]))
      expect(sent).toEqual([])
    }))

  it.effect("the error names the parameter and the route, and says nothing was sent", () =>
    Effect.gen(function*() {
      const { layer, sent } = recording()
      const error = yield* Effect.flip(
        Effect.flatMap(ElasticSipTrunking.ElasticSipTrunking, (est) => est.deleteCredential("list-1", "..")).pipe(
          Effect.provide(products(layer))
        )
      )
      expect(error._tag).toBe("InvalidRequest")
      expect(error.message).toContain("{username}")
      expect(error.message).toContain("nothing was sent")
      expect(sent).toEqual([])
    }))

  it.effect("a lone surrogate is a typed InvalidRequest, not a URIError defect", () =>
    Effect.gen(function*() {
      const { layer, sent } = recording()
      const exit = yield* Effect.exit(
        Effect.flatMap(Numbers.Numbers, (numbers) => numbers.getActiveNumber("\uD800")).pipe(
          Effect.provide(products(layer))
        )
      )
      expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error._tag).toBe("InvalidRequest")
      expect(sent).toEqual([])
    }))

  it.effect("ordinary values still go out, encoded", () =>
    Effect.gen(function*() {
      const { layer, sent } = recording()
      yield* Effect.flatMap(ElasticSipTrunking.ElasticSipTrunking, (est) => est.deleteCredential("list-1", "a..b/.."))
        .pipe(Effect.provide(products(layer)))
      expect(sent).toEqual([
        "DELETE https://est.test/v1/projects/37b62a7b-0177-4b6c-9f6e-e10f848de123/credentialLists/list-1/credentials/a..b%2F.."
      ])
    }))
})
