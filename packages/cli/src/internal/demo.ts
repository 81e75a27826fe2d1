import { Emulator } from "@sinch-effect/emulator"
import { demoData } from "@sinch-effect/emulator/products/conversation"
import * as Redacted from "effect/Redacted"

/**
 * What a shell needs to point everything at an emulator: the variables to export, with the demo
 * credentials. These are public demo values, accepted only by the emulator.
 *
 * @internal
 */
export const demoEnvironment = (baseUrl: string): ReadonlyArray<readonly [string, string]> => {
  const demo = Emulator.demoCredentials
  return [
    ["SINCH_EMULATOR_URL", baseUrl],
    ["SINCH_PROJECT_ID", demo.projectId],
    ["SINCH_KEY_ID", demo.keyId],
    ["SINCH_KEY_SECRET", Redacted.value(demo.keySecret)],
    ["SINCH_APPLICATION_KEY", demo.applicationKey],
    ["SINCH_APPLICATION_SECRET", Redacted.value(demo.applicationSecret)],
    ["MAILGUN_API_KEY", Redacted.value(demo.mailgunApiKey)]
  ]
}

/** The seeded Conversation apps. @internal */
export const demoApps = { eu: demoData.euApp, us: demoData.usApp } as const
