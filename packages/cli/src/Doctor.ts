/**
 * `sinch doctor`: finds out which credentials are configured and runs every check it can against the
 * configured endpoints (production, overrides, or `SINCH_EMULATOR_URL`). Checks that need credentials
 * of a kind that is not configured are skipped, never failed. Every failure carries the library
 * error's message, which says what to do, and never a secret.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { Region } from "@sinch-effect/auth-core"
import type { Duration, Effect } from "effect"
import * as internal from "./internal/doctor.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Status = "pass" | "fail" | "skip"

/**
 * Every check, in the order they run.
 *
 * @since 0.1.0
 * @category models
 */
export type CheckId =
  | "endpoints"
  | "project-credentials"
  | "application-credentials"
  | "mailgun-credentials"
  | "token-exchange"
  | "token-lifetime"
  | "project-access"
  | "conversation-region"
  | "application-auth"
  /** Since 0.3.0. */
  | "verification-auth"
  | "mailgun-auth"
  /** Only when `SINCH_REDIS_URL` is set (since 0.2.0). */
  | "redis"

/**
 * @since 0.1.0
 * @category models
 */
export interface CheckResult {
  readonly id: CheckId
  readonly title: string
  readonly status: Status
  /** What was found; for a failure, the error's message (which says what to do). */
  readonly detail: string
  /** A more precise fix, when the error alone cannot know it. */
  readonly fix?: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Report {
  /** No check failed (skipped checks do not count). */
  readonly ok: boolean
  readonly checks: ReadonlyArray<CheckResult>
  /** Token requests sent by the doctor's single token provider. */
  readonly tokenRequests: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** A Conversation app whose region to check. */
  readonly appId?: string | undefined
  /** The region the app is expected in; without it, every region is asked. */
  readonly region?: Region.Region | undefined
  /** Deadline of each call. Default 10 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Called as each check completes, e.g. to print it. */
  readonly onCheck?: ((check: CheckResult) => Effect.Effect<void>) | undefined
}

/**
 * Runs every check, reading the configuration from the current `ConfigProvider` (the environment by
 * default). Never fails: a failure is a check with status `fail`.
 *
 * @since 0.1.0
 * @category running
 */
export const run: (options?: Options) => Effect.Effect<Report, never, HttpClient.HttpClient> = internal.run
