/**
 * The code of docs/performance.md, type-checked here (the docs check finds every ts block of the docs in examples/).
 */
import { UndiciHttpClient } from "@sinch-effect/node"
import { Numbers, Sinch } from "@sinch-effect/products"
import { Effect, Layer, ManagedRuntime } from "effect"

const runtime = ManagedRuntime.make(
  Sinch.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer), Layer.orDie)
)

export const getNumber = (phoneNumber: string) =>
  runtime.runPromise(Effect.flatMap(Numbers.Numbers, (numbers) => numbers.getActiveNumber(phoneNumber)))

import type { AuthStrategy } from "@sinch-effect/auth-core"
import { SinchClient } from "@sinch-effect/sinch-http"

export const numbersClient = (strategy: AuthStrategy.ProjectStrategy) =>
  SinchClient.make({
    api: "Numbers",
    baseUrl: "https://numbers.api.sinch.com/v1/projects/my-project",
    strategy,
    timeout: "3 seconds",
    totalTimeout: "5 seconds",
    maxResponseBytes: 1024 * 1024
  })
