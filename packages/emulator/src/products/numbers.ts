/**
 * The emulated Sinch Numbers API (`https://numbers.api.sinch.com/v1/projects/{projectId}`, served
 * under the emulator prefix `/numbers`): available numbers, renting, active numbers with
 * `pageToken` pagination, available regions and the callback configuration, with in-memory state
 * seeded per region (US, CA, GB, SE, DE, FR).
 *
 * Written from the Numbers API reference (https://developers.sinch.com/docs/numbers/api-reference/numbers),
 * never from a client.
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Ref } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import * as Emergency from "./numbers/emergency.js"
import type { Context, Result } from "./numbers/handlers.js"
import * as Handlers from "./numbers/handlers.js"
import type { AvailableNumber } from "./numbers/inventory.js"
import { seed } from "./numbers/inventory.js"
import { invalidArgument, permissionDenied } from "./numbers/responses.js"
import type { State } from "./numbers/state.js"
import { activate, withActive } from "./numbers/state.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * How many demo numbers a project owns when it first calls the API (US, GB and SE numbers with
   * display names and settled SMS / voice configurations). Default 6; 0 starts every project empty.
   */
  readonly seedActiveNumbers?: number | undefined
  /** How long scheduled SMS / voice provisioning stays `WAITING`, on the Effect clock. Default 0. */
  readonly provisioningDelay?: Duration.DurationInput | undefined
}

const demo: ReadonlyArray<{ readonly regionCode: string; readonly type: string; readonly displayName: string }> = [
  { regionCode: "US", type: "LOCAL", displayName: "Support line" },
  { regionCode: "US", type: "LOCAL", displayName: "Sales" },
  { regionCode: "GB", type: "MOBILE", displayName: "UK alerts" },
  { regionCode: "SE", type: "MOBILE", displayName: "Nordic OTP" },
  { regionCode: "US", type: "TOLL_FREE", displayName: "Hotline" },
  { regionCode: "GB", type: "LOCAL", displayName: "London office" }
]

// A project's demo numbers, rented from the inventory with already settled configurations.
const seedProject = (state: State, projectId: string, count: number, now: number): State => {
  let next: State = { ...state, seededProjects: new Set([...state.seededProjects, projectId]) }
  for (let i = 0; i < count; i++) {
    const wanted = demo[i % demo.length]!
    const number: AvailableNumber | undefined = Array.from(next.available.values())
      .filter((n) => n.regionCode === wanted.regionCode && n.type === wanted.type)
      .sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : 1))[0]
    if (number === undefined) continue
    const record = activate(
      number,
      projectId,
      {
        displayName: wanted.displayName,
        sms: number.capability.includes("SMS")
          ? { servicePlanId: "5bce5a0d9c5b4a7c8e0e9f3a1b2c3d4e", campaignId: "" }
          : undefined,
        voice: { type: "RTC", id: "8f1f4a5e-2b6c-4d7e-9a8b-1c2d3e4f5a6b" }
      },
      now,
      0
    )
    next = withActive(next, record)
  }
  return next
}

const route = (state: State, ctx: Context, request: ProductRequest): Result | undefined => {
  const rest = request.segments.slice(3)
  const method = request.method
  const [resource, id] = rest
  if (rest.length === 1) {
    switch (resource) {
      case "availableNumbers":
        return method === "GET" ? Handlers.searchAvailable(state, request) : undefined
      case "availableNumbers:rentAny":
        return method === "POST" ? Handlers.rentAny(state, ctx, request) : undefined
      case "activeNumbers":
        return method === "GET" ? Handlers.listActive(state, ctx, request) : undefined
      case "availableRegions":
        return method === "GET" ? Handlers.listRegions(state, request) : undefined
      case "callbackConfiguration":
        return method === "GET"
          ? Handlers.getCallbackConfiguration(state, ctx)
          : method === "PATCH"
          ? Handlers.updateCallbackConfiguration(state, ctx, request)
          : undefined
    }
    return undefined
  }
  if (rest.length === 3 && resource === "activeNumbers" && id !== undefined) {
    switch (rest[2]) {
      case "emergencyAddress":
        return method === "GET" ? Emergency.get(state, ctx, id) : undefined
      case "emergencyAddress:provision":
        return method === "POST" ? Emergency.provision(state, ctx, id, request) : undefined
      case "emergencyAddress:deprovision":
        return method === "POST" ? Emergency.deprovision(state, ctx, id) : undefined
      case "emergencyAddress:validate":
        return method === "POST" ? Emergency.validate(state, ctx, id, request) : undefined
    }
    return undefined
  }
  if (rest.length !== 2 || id === undefined) return undefined
  if (resource === "availableNumbers") {
    if (id.endsWith(":rent")) return method === "POST" ? Handlers.rent(state, ctx, id.slice(0, -5), request) : undefined
    return method === "GET" ? Handlers.getAvailable(state, id) : undefined
  }
  if (resource === "activeNumbers") {
    if (id.endsWith(":release")) return method === "POST" ? Handlers.release(state, ctx, id.slice(0, -8)) : undefined
    return method === "GET"
      ? Handlers.getActive(state, ctx, id)
      : method === "PATCH"
      ? Handlers.updateActive(state, ctx, id, request)
      : undefined
  }
  return undefined
}

/**
 * An emulated Numbers API with its own state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (options: Options = {}): Effect.Effect<ProductApi> =>
  Effect.gen(function*() {
    const seedActiveNumbers = options.seedActiveNumbers ?? 6
    const provisioningDelay = Duration.toMillis(options.provisioningDelay ?? 0)
    const state = yield* Ref.make<State>({
      available: new Map(seed().map((n) => [n.phoneNumber, n])),
      active: new Map(),
      hmacSecrets: new Map(),
      seededProjects: new Set()
    })

    const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> =>
      Effect.gen(function*() {
        const [v1, projects, projectId] = request.segments
        if (v1 !== "v1" || projects !== "projects" || projectId === undefined || request.segments.length < 4) {
          return undefined
        }
        if (request.projectId !== undefined && request.projectId !== projectId) return permissionDenied(projectId)
        if (/\s/.test(projectId)) {
          return invalidArgument([{ field: "projectId", description: `"${projectId}" is not a project id` }])
        }
        const now = yield* Clock.currentTimeMillis
        const ctx: Context = { projectId, now, provisioningDelay }
        return yield* Ref.modify(state, (current): readonly [ProductResponse | undefined, State] => {
          const seeded = current.seededProjects.has(projectId)
            ? current
            : seedProject(current, projectId, seedActiveNumbers, now)
          const result = route(seeded, ctx, request)
          return result === undefined ? [undefined, current] : [result[0], result[1]]
        })
      })

    return { api: "numbers", handle } satisfies ProductApi
  })

/**
 * An emulated Numbers API with the default options.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = makeWith()
